# Context managers close the client on every path.
import contextlib
from contextlib import closing

import pymongo
from pymongo import MongoClient


def with_statement(uri):
    with MongoClient(uri) as client:
        return client.app.users.count_documents({})


def with_module_path(uri):
    with pymongo.MongoClient(uri) as client:
        client.admin.command("ping")


def with_existing_binding(uri):
    client = MongoClient(uri)
    with client:
        client.admin.command("ping")


def closing_binding(uri):
    client = MongoClient(uri)
    with closing(client):
        client.admin.command("ping")


def closing_qualified(uri):
    client = MongoClient(uri)
    with contextlib.closing(client) as c:
        c.admin.command("ping")


def closing_inline(uri):
    with closing(MongoClient(uri)) as client:
        client.admin.command("ping")


async def async_with(uri):
    from pymongo import AsyncMongoClient

    async with AsyncMongoClient(uri) as client:
        await client.admin.command("ping")


def redundant_close_in_with(uri):
    with MongoClient(uri) as client:
        client.admin.command("ping")
        client.close()
