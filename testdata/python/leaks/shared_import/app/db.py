# The shared client, created once per process.
from pymongo import MongoClient

client = MongoClient()
db = client.app


def make_client():
    # A view calls it: a new client per request (the view closes it, but the pool is per request).
    # expect: client-per-request
    return MongoClient()
