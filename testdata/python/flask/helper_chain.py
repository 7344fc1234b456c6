from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)


def connect():
    # expect: client-per-request
    return MongoClient("mongodb://db:27017")


def repository():
    return connect().app.items


@app.route("/items")
def items():
    return str(list(repository().find()))


def unused_helper():
    return MongoClient()
