# Guaranteed closes: in a `finally` whose `try` covers the work.
from pymongo import MongoClient


def count_users(uri):
    client = MongoClient(uri)
    try:
        return client.app.users.count_documents({})
    finally:
        client.close()


def nested_try(uri):
    client = MongoClient(uri)
    try:
        try:
            client.app.users.insert_one({"a": 1})
        except ValueError:
            pass
    finally:
        client.close()


def construction_inside_the_try(uri):
    client = None
    try:
        client = MongoClient(uri)
        client.admin.command("ping")
    finally:
        if client is not None:
            client.close()


def attribute_access_before_the_try(uri):
    # Only attribute access between construction and `try`: nothing can throw there.
    client = MongoClient(uri)
    users = client.app.users
    try:
        users.insert_one({"a": 1})
    finally:
        client.close()


def finally_and_an_early_close(uri):
    # The early close is redundant: the `finally` closes it on every path anyway.
    client = MongoClient(uri)
    try:
        client.admin.command("ping")
        client.close()
    finally:
        client.close()


async def async_finally(uri):
    from motor.motor_asyncio import AsyncIOMotorClient

    client = AsyncIOMotorClient(uri)
    try:
        await client.admin.command("ping")
    finally:
        client.close()
