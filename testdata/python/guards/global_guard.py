from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)
client = None
_by_uri = {}


def get_client():
    global client
    if client is None:
        client = MongoClient()
    return client


def get_client_early_return():
    global client
    if client is not None:
        return client
    client = MongoClient()
    return client


def get_client_for(uri):
    if uri not in _by_uri:
        _by_uri[uri] = MongoClient(uri)
    return _by_uri[uri]


def reset_client():
    global client
    # Assigning a global without a guard rebuilds it on every call.
    # expect: client-per-request
    client = MongoClient()
    return client


@app.route("/a")
def a():
    return str(get_client().server_info())


@app.route("/b")
def b():
    return str(get_client_early_return().server_info())


@app.route("/c")
def c():
    return str(get_client_for("mongodb://x").server_info())


@app.route("/d")
def d():
    return str(reset_client().server_info())
