"""Dependencies shared by the routers: `get_db` builds a client per request, `get_cached_db`
reuses one client per process."""

from functools import lru_cache

from pymongo import MongoClient

from app.config import MONGODB_URI


def get_db():
    # A yielding dependency runs once per request that depends on it.
    # expect: client-per-request
    client = MongoClient(MONGODB_URI)
    try:
        yield client.app
    finally:
        client.close()


@lru_cache
def get_client() -> MongoClient:
    return MongoClient(MONGODB_URI)


def get_cached_db():
    yield get_client().app
