# Stored on application state: the application owns it (and closes it at shutdown).
from flask import Flask, current_app
from pymongo import MongoClient

app = Flask(__name__)


def init_mongo(app, uri):
    app.config["MONGO"] = MongoClient(uri)


def init_extensions(app, uri):
    client = MongoClient(uri)
    app.extensions["mongo"] = client


def attach(uri):
    client = MongoClient(uri)
    current_app.mongo = client


@app.teardown_appcontext
def close_mongo(exc):
    client = current_app.config.get("MONGO")
    if client is not None:
        client.close()
