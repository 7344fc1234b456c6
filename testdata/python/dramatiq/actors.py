import dramatiq
from pymongo import MongoClient

client = MongoClient()


@dramatiq.actor
def count():
    # expect: client-per-request, client-never-closed
    c = MongoClient()
    return c.db.items.count_documents({})


@dramatiq.actor(max_retries=3)
def shared():
    return client.db.items.count_documents({})
