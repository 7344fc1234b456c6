# FastAPI dependencies run once per request; a yielded client is closed by the dependency.
from fastapi import Depends, FastAPI
from pymongo import MongoClient

app = FastAPI()


def get_client():
    # Yielded and closed in `finally`: only the pool per request is wrong.
    # expect: client-per-request
    client = MongoClient()
    try:
        yield client
    finally:
        client.close()


def get_client_yield_only():
    # expect: client-per-request
    client = MongoClient()
    yield client


async def get_db():
    # expect: client-per-request, client-never-closed
    client = MongoClient()
    return client.app


@app.get("/users")
def users(client=Depends(get_client)):
    return client.app.users.count_documents({})


@app.get("/other")
def other(client=Depends(get_client_yield_only), db=Depends(get_db)):
    return db.users.count_documents({})
