from fastapi import FastAPI
from pymongo import MongoClient

app = FastAPI()
client = MongoClient()


def make_client():
    return MongoClient()


@app.on_event("startup")
def boot():
    app.state.client = make_client()


@app.get("/ping")
def ping():
    return client.admin.command("ping")
