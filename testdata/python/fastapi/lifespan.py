from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from motor.motor_asyncio import AsyncIOMotorClient


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.mongo = AsyncIOMotorClient()
    yield
    app.state.mongo.close()


app = FastAPI(lifespan=lifespan)


@app.on_event("startup")
async def startup():
    app.state.other = AsyncIOMotorClient()


@app.get("/")
async def index(request: Request):
    return await request.app.state.mongo.db.items.find_one()
