from flask import Flask
from pymongo import MongoClient
from contextlib import closing

app = Flask(__name__)


@app.route("/a")
def a():
    # A context manager closes it, but the pool is still per request.
    # expect: client-per-request
    with MongoClient() as client:
        return str(client.server_info())


@app.route("/b")
def b():
    # expect: client-per-request
    client = MongoClient()
    with closing(client):
        return str(client.server_info())
