# Closing a shared client in a shutdown hook is right: silent.
import atexit
from contextlib import asynccontextmanager

from fastapi import FastAPI
from pymongo import MongoClient
from motor.motor_asyncio import AsyncIOMotorClient

client = MongoClient()
atexit.register(client.close)


@asynccontextmanager
async def lifespan(app: FastAPI):
    app.state.mongo = AsyncIOMotorClient()
    yield
    app.state.mongo.close()


@asynccontextmanager
async def lifespan_local(app: FastAPI):
    motor = AsyncIOMotorClient()
    app.state.motor = motor
    yield
    motor.close()


@asynccontextmanager
async def lifespan_module_client(app: FastAPI):
    yield
    client.close()


api = FastAPI(lifespan=lifespan)
other = FastAPI(lifespan=lifespan_module_client)


@api.on_event("shutdown")
def on_shutdown():
    client.close()


@atexit.register
def bye():
    client.close()


@api.get("/users")
def users():
    return client.app.users.count_documents({})
