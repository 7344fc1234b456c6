"""The worker's uncached factory."""

from pymongo import MongoClient


def make_client():
    # expect: client-per-request
    return MongoClient("mongodb://localhost:27017")
