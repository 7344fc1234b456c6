from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)


class Mongo:
    _client = None

    @classmethod
    def get(cls):
        if cls._client is None:
            cls._client = MongoClient()
        return cls._client


@app.route("/")
def index():
    return str(Mongo.get().server_info())
