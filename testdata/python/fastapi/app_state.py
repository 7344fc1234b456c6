from fastapi import FastAPI, Request
from motor import motor_asyncio

app = FastAPI()


@app.get("/")
async def index(request: Request):
    # Stored on app state, but built on every request.
    # expect: client-per-request
    request.app.state.mongo = motor_asyncio.AsyncIOMotorClient()
    return {}
