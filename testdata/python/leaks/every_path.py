# A close on every path: in the `try` body and again in a catch-all handler that re-raises.
from pymongo import MongoClient


def base_exception(uri):
    client = MongoClient(uri)
    try:
        client.app.users.insert_one({"a": 1})
        client.close()
    except BaseException:
        client.close()
        raise


def bare_except(uri):
    client = MongoClient(uri)
    try:
        client.app.users.insert_one({"a": 1})
        client.close()
    except:  # noqa: E722
        client.close()
        raise


def base_exception_as(uri):
    client = MongoClient(uri)
    try:
        client.app.users.insert_one({"a": 1})
        client.close()
    except BaseException as exc:
        client.close()
        raise RuntimeError("insert failed") from exc


def rethrows_without_closing(uri):
    # The handler re-raises but never closes: the exceptional path leaks.
    client = MongoClient(uri)
    try:
        client.app.users.insert_one({"a": 1})
        # expect: close-not-in-finally
        client.close()
    except BaseException:
        raise


def closes_another_client(uri, other):
    client = MongoClient(uri)
    try:
        client.app.users.insert_one({"a": 1})
        # expect: close-not-in-finally
        client.close()
    except BaseException:
        other.close()
        raise
