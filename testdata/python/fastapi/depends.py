from functools import lru_cache

from fastapi import Depends, FastAPI
from pymongo import MongoClient

app = FastAPI()


def get_db():
    # A dependency runs for every request that needs it.
    # expect: client-per-request
    client = MongoClient()
    try:
        yield client.app
    finally:
        client.close()


@lru_cache
def get_client():
    return MongoClient()


def get_cached_db(client=Depends(get_client)):
    return client.app


@app.get("/users")
def users(db=Depends(get_db)):
    return list(db.users.find())


@app.get("/orders")
def orders(db=Depends(get_cached_db)):
    return list(db.orders.find())
