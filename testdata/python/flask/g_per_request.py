"""Flask's `g` lives for one request: caching a client on it still builds one per request."""
from flask import Flask, g
from pymongo import MongoClient

app = Flask(__name__)


def get_db():
    if "db" not in g:
        # expect: client-per-request
        g.db = MongoClient()
    return g.db


@app.route("/")
def index():
    return str(get_db().list_database_names())


@app.teardown_appcontext
def close_db(exc):
    db = g.pop("db", None)
    if db is not None:
        db.close()
