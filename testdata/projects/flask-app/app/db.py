"""`get_client` builds a new client on every call; `get_cached_client` keeps one."""

import os

from pymongo import MongoClient

_client = None


def get_client():
    # expect: client-per-request
    return MongoClient(os.environ["MONGODB_URI"])


def get_cached_client():
    global _client
    if _client is None:
        _client = MongoClient(os.environ["MONGODB_URI"])
    return _client
