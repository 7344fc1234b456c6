# A client built per request: the pool is the problem, the leak comes on top.
from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)


@app.route("/never")
def never_closed():
    # expect: client-per-request, client-never-closed
    client = MongoClient()
    return str(client.app.users.count_documents({}))


@app.route("/finally")
def closed_in_finally():
    # expect: client-per-request
    client = MongoClient()
    try:
        return str(client.app.users.count_documents({}))
    finally:
        client.close()


@app.route("/unguarded")
def closed_unguarded():
    # expect: client-per-request
    client = MongoClient()
    n = client.app.users.count_documents({})
    # expect: close-not-in-finally
    client.close()
    return str(n)


@app.route("/with")
def with_block():
    # expect: client-per-request
    with MongoClient() as client:
        return str(client.app.users.count_documents({}))


def helper():
    # expect: client-per-request, client-never-closed
    client = MongoClient()
    return client.app.users.count_documents({})


@app.route("/helper")
def via_helper():
    return str(helper())
