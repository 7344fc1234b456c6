"""Shapes that look like handlers but are not."""
from pymongo import MongoClient


def view(request):
    # Not in a views module, not decorated.
    return MongoClient()


def process(event, ctx_data):
    return MongoClient()


class Cache:
    def get(self, key):
        return MongoClient()


def task():
    return MongoClient()
