# client-never-closed: built in a function, never closed, never handed off.
import logging

from pymongo import MongoClient
from motor.motor_asyncio import AsyncIOMotorClient

log = logging.getLogger(__name__)


def count_users(uri):
    # expect: client-never-closed
    client = MongoClient(uri)
    return client.app.users.count_documents({})


def discarded(uri):
    # expect: client-never-closed
    MongoClient(uri).admin.command("ping")


def only_its_own_methods(uri):
    # Calling the client's own methods is not a hand-off.
    # expect: client-never-closed
    client = MongoClient(uri)
    db = client.get_database("app")
    client.admin.command("ping")
    return db.name


def logged_is_not_handed_off(uri):
    # expect: client-never-closed
    client = MongoClient(uri)
    print(client)
    log.info("connected %s", client)


async def motor_client(uri):
    # expect: client-never-closed
    client = AsyncIOMotorClient(uri)
    return await client.app.users.find_one()


def closes_another_name(uri, other):
    # expect: client-never-closed
    client = MongoClient(uri)
    client.admin.command("ping")
    other.close()


class Repo:
    def count(self, uri):
        # expect: client-never-closed
        client = MongoClient(uri)
        return client.app.users.count_documents({})


# Negatives

def closed(uri):
    client = MongoClient(uri)
    try:
        client.admin.command("ping")
    finally:
        client.close()


# Module scope is long-lived: not a leak.
shared = MongoClient()
