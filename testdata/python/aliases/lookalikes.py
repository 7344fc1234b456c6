"""Classes that are named like a client but come from elsewhere are not clients."""
from flask import Flask
from mongomock import MongoClient
from app.db import AsyncIOMotorClient as Wrapped

app = Flask(__name__)


@app.route("/")
def index():
    a = MongoClient()
    b = Wrapped()
    return str((a, b))
