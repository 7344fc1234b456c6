from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)


@app.route("/ok")
def ok():
    # expect: client-per-request, client-never-closed
    client = MongoClient()
    return str(client.server_info())


def broken(:
    return 1 +


@app.route("/also-ok")
def also_ok():
    # expect: client-per-request, client-never-closed
    return str(MongoClient().server_info())
