from flask import Flask
import pymongo

app = Flask(__name__)


@app.put("/p")
def put_item():
    # expect: client-per-request, client-never-closed
    pymongo.MongoClient().db.items.insert_one({})
    return ""


@app.patch("/p")
def patch_item():
    # expect: client-per-request, client-never-closed
    pymongo.MongoClient().db.items.update_one({}, {})
    return ""


@app.delete("/p")
def delete_item():
    # expect: client-per-request, client-never-closed
    pymongo.MongoClient().db.items.delete_one({})
    return ""


@app.errorhandler(404)
def not_found(e):
    return "nope", 404
