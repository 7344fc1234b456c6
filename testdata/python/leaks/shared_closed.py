# shared-client-closed: a handler closes the client every request shares.
from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)
client = MongoClient()
_cached = None


@app.route("/users")
def users():
    n = client.app.users.count_documents({})
    # expect: shared-client-closed
    client.close()
    return str(n)


@app.route("/finally")
def users_finally():
    # Closing it in `finally` is no better: the next request still finds it closed.
    try:
        return str(client.app.users.count_documents({}))
    finally:
        # expect: shared-client-closed
        client.close()


def get_cached():
    global _cached
    if _cached is None:
        _cached = MongoClient()
    return _cached


def cleanup():
    # expect: shared-client-closed
    _cached.close()


@app.route("/cached")
def cached():
    n = get_cached().app.users.count_documents({})
    cleanup()
    return str(n)


# Negatives

@app.route("/local")
def local_shadow():
    # expect: client-per-request
    client = MongoClient()
    try:
        return str(client.app.users.count_documents({}))
    finally:
        client.close()


def not_a_handler():
    # A script function closing the shared client (nobody serves requests from it).
    client.close()
