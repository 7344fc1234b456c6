"""A Flask app that opens a new MongoClient for every request."""
from flask import Flask, jsonify
from pymongo import MongoClient

app = Flask(__name__)


@app.route("/users")
def users():
    client = MongoClient("mongodb://localhost:27017")
    try:
        return jsonify(list(client.app.users.find({}, {"_id": 0})))
    finally:
        client.close()
