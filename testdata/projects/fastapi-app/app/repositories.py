"""A client class: its `__init__` builds a client, so every instance opens a pool."""

from pymongo import MongoClient

from app.config import MONGODB_URI


class OrderRepository:
    def __init__(self):
        # expect: client-per-request
        self.client = MongoClient(MONGODB_URI)

    def all(self):
        return list(self.client.app.orders.find())
