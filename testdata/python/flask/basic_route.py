"""Flask: a client built inside a route runs once per request."""
from flask import Flask, jsonify
from pymongo import MongoClient

app = Flask(__name__)

# Module scope: built once per process, fine.
shared = MongoClient("mongodb://localhost:27017")


@app.route("/users")
def users():
    # expect: client-per-request
    client = MongoClient("mongodb://localhost:27017")
    try:
        return jsonify(list(client.app.users.find({}, {"_id": 0})))
    finally:
        client.close()


@app.route("/shared")
def shared_users():
    return jsonify(list(shared.app.users.find()))


def not_routed():
    # Never registered and never called by a handler.
    return MongoClient()
