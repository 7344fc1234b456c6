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


def get_client_close_after_yield():
    # The code after `yield` is skipped when the endpoint raises: it needs `finally`.
    # expect: client-per-request
    client = MongoClient()
    yield client
    # expect: close-not-in-finally
    client.close()


def get_database():
    # expect: client-per-request
    client = MongoClient()
    yield client.app
    # expect: close-not-in-finally
    client.close()


def get_database_finally():
    # expect: client-per-request
    client = MongoClient()
    try:
        yield client.app
    finally:
        client.close()


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


@app.get("/more")
def more(
    a=Depends(get_client_close_after_yield),
    b=Depends(get_database),
    c=Depends(get_database_finally),
):
    return "ok"
