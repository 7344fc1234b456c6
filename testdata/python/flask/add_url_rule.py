from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)


def list_items():
    # expect: client-per-request, client-never-closed
    client = MongoClient()
    return str(client.db.items.count_documents({}))


def unregistered():
    return MongoClient()


app.add_url_rule("/items", view_func=list_items)
