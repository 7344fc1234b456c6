# Application state reached from the request (`request.app`): the application owns the client.
# (`getattr(obj, "name", None) is None` guards `obj.name`.)
from fastapi import FastAPI, Request
from pymongo import MongoClient

app = FastAPI()


def init_state(uri):
    app.state.mongo = MongoClient(uri)


def init_state_through_a_name(uri):
    client = MongoClient(uri)
    app.state.mongo = client


@app.get("/lazy")
def lazy(request: Request):
    # Stored on application state without a guard: a new pool on every request, but owned
    # by the application (not a leak of this function).
    # expect: client-per-request
    request.app.state.mongo = MongoClient()
    return "ok"


@app.get("/lazy-guarded")
def lazy_guarded(request: Request):
    if getattr(request.app.state, "mongo", None) is None:
        request.app.state.mongo = MongoClient()
    return "ok"


def aiohttp_style(request, uri):
    client = MongoClient(uri)
    request.app["mongo"] = client
