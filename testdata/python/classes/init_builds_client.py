from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)


class Repository:
    def __init__(self):
        # expect: client-per-request
        self.client = MongoClient()

    def items(self):
        return list(self.client.db.items.find())


class Unused:
    def __init__(self):
        self.client = MongoClient()


repo_once = Repository()


@app.route("/")
def index():
    return str(Repository().items())


@app.route("/shared")
def shared():
    return str(repo_once.items())
