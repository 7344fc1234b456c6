from flask import Flask, jsonify
from pymongo import MongoClient

app = Flask(__name__)


@app.route("/users/<name>")
def get_user(name):
    # expect: client-per-request
    with MongoClient("mongodb://localhost:27017") as client:
        user = client.shop.users.find_one({"name": name}, {"_id": 0})
    return jsonify(user)
