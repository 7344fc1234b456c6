from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)


def migrate(uris):
    for uri in uris:
        # expect: client-in-loop
        client = MongoClient(uri)
        # expect: close-not-in-finally
        client.close()


def ping_all(uris):
    # expect: client-in-loop, client-never-closed
    return {u: MongoClient(u).admin.command("ping") for u in uris}


@app.route("/ping")
def ping():
    out = []
    for uri in ["mongodb://a", "mongodb://b"]:
        # Inside a handler, a loop construction is reported as client-per-request only.
        # expect: client-per-request, client-never-closed
        out.append(MongoClient(uri).server_info())
    return str(out)
