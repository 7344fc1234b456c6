import functools
from functools import cache, cached_property, lru_cache

from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)


@lru_cache(maxsize=None)
def client_a():
    return MongoClient()


@functools.cache
def client_b():
    return MongoClient()


@cache
def client_c():
    return MongoClient()


class Repo:
    @cached_property
    def client(self):
        return MongoClient()


@app.route("/")
def index():
    return str((client_a(), client_b(), client_c(), Repo().client))
