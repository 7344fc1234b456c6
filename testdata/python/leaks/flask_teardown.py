# Flask teardown closes what the request opened; `g` lives for one request.
from flask import Flask, g
from pymongo import MongoClient

app = Flask(__name__)
shared = MongoClient()


def get_db():
    if "client" not in g:
        # expect: client-per-request
        g.client = MongoClient()
    return g.client.app


@app.teardown_appcontext
def teardown(exc):
    client = g.pop("client", None)
    if client is not None:
        client.close()
    shared.close()


@app.route("/users")
def users():
    return str(get_db().users.count_documents({}))
