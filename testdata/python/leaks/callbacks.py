# A bound `close` handed to something that calls it later.
import contextlib
import weakref

from pymongo import MongoClient


def exit_stack(uri):
    with contextlib.ExitStack() as stack:
        client = MongoClient(uri)
        stack.callback(client.close)
        client.admin.command("ping")


def entered(uri):
    with contextlib.ExitStack() as stack:
        client = stack.enter_context(MongoClient(uri))
        client.admin.command("ping")


class Service:
    def start(self, uri):
        client = MongoClient(uri)
        weakref.finalize(self, client.close)


@contextlib.contextmanager
def session(uri):
    # A context manager without `finally`: the exception thrown in at `yield` skips the close.
    client = MongoClient(uri)
    yield client
    # expect: close-not-in-finally
    client.close()


@contextlib.contextmanager
def session_finally(uri):
    client = MongoClient(uri)
    try:
        yield client
    finally:
        client.close()

