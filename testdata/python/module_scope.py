"""Clients at module scope are built once per process."""
import pymongo
from motor.motor_asyncio import AsyncIOMotorClient
from pymongo import MongoClient

client = MongoClient("mongodb://localhost:27017/?maxPoolSize=50")
async_client = AsyncIOMotorClient()
db = pymongo.MongoClient().app

if __name__ == "__main__":
    MongoClient().admin.command("ping")


def handler_free_function():
    return client.app.items.find()
