# close-not-in-finally: a close that an exception before it skips.
from pymongo import MongoClient


def count_users(uri):
    client = MongoClient(uri)
    n = client.app.users.count_documents({})
    # expect: close-not-in-finally
    client.close()
    return n


def close_at_end_of_try(uri):
    client = MongoClient(uri)
    try:
        client.app.users.insert_one({"a": 1})
        # expect: close-not-in-finally
        client.close()
    except ValueError:
        pass


def close_in_else(uri):
    client = MongoClient(uri)
    try:
        client.app.users.insert_one({"a": 1})
    except ValueError:
        return None
    else:
        # expect: close-not-in-finally
        client.close()


def close_in_narrow_except(uri):
    # An `except Exception` misses KeyboardInterrupt and SystemExit: not every path.
    client = MongoClient(uri)
    try:
        client.app.users.insert_one({"a": 1})
        # expect: close-not-in-finally
        client.close()
    except Exception:
        # expect: close-not-in-finally
        client.close()
        raise


async def async_close(uri):
    from pymongo import AsyncMongoClient

    client = AsyncMongoClient(uri)
    await client.admin.command("ping")
    # expect: close-not-in-finally
    await client.close()


def finally_does_not_cover_the_work(uri):
    # The work before the `try` can throw: the `finally` is never reached.
    client = MongoClient(uri)
    client.admin.command("ping")
    try:
        client.app.users.insert_one({"a": 1})
    finally:
        # expect: close-not-in-finally
        client.close()


def closed_in_a_nested_helper(uri):
    client = MongoClient(uri)

    def done():
        # expect: close-not-in-finally
        client.close()

    client.admin.command("ping")
    done()
