from flask import Flask
from pymongo import MongoClient


def create_app():
    app = Flask(__name__)
    # A factory runs once per process.
    app.mongo = MongoClient()

    @app.route("/")
    def index():
        # expect: client-per-request, client-never-closed
        c = MongoClient()
        return str(c.server_info())

    return app
