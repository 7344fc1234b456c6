"""A stale copy at the repository root, outside the worker package: the worker's
`from worker.db import make_client` must not land here."""

from pymongo import MongoClient


def make_client():
    return MongoClient("mongodb://localhost:27017")
