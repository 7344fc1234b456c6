"""Every way to name the client, inside handlers."""
import motor.motor_asyncio
import pymongo
import pymongo as pm
from fastapi import FastAPI
from motor import motor_asyncio
from motor.motor_asyncio import AsyncIOMotorClient
from pymongo import MongoClient as MC

app = FastAPI()


@app.get("/1")
def one():
    # expect: client-per-request
    return MC()


@app.get("/2")
def two():
    # expect: client-per-request
    return pymongo.MongoClient()


@app.get("/3")
def three():
    # expect: client-per-request
    return pm.MongoClient()


@app.get("/4")
async def four():
    # expect: client-per-request
    return motor.motor_asyncio.AsyncIOMotorClient()


@app.get("/5")
async def five():
    # expect: client-per-request
    return AsyncIOMotorClient()


@app.get("/6")
async def six():
    # expect: client-per-request
    return motor_asyncio.AsyncIOMotorClient()


@app.get("/7")
async def seven():
    # expect: client-per-request
    return pymongo.AsyncMongoClient()
