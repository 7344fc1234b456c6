from rq.decorators import job
from pymongo import MongoClient


@job("default")
def sync_items():
    # expect: client-per-request, client-never-closed
    client = MongoClient()
    client.db.items.delete_many({})
