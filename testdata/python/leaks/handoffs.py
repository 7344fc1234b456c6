# Hand-offs: a client that leaves its function is closed by whoever receives it.
from pymongo import MongoClient

_clients = {}
registry = []


def returned(uri):
    return MongoClient(uri)


def returned_through_a_name(uri):
    client = MongoClient(uri)
    client.admin.command("ping")
    return client


def returned_in_a_tuple(uri):
    client = MongoClient(uri)
    return client, client.app


def returned_in_a_dict(uri):
    client = MongoClient(uri)
    return {"client": client, "db": client.app}


def collection_that_escapes(uri):
    client = MongoClient(uri)
    resources = {"client": client}
    return resources


def aliased_then_returned(uri):
    client = MongoClient(uri)
    c = client
    return c


def yielded(uri):
    client = MongoClient(uri)
    yield client


def lambda_returns_it(uri):
    return lambda: MongoClient(uri)


def stored_in_module_dict(uri):
    _clients[uri] = MongoClient(uri)


def appended_to_module_list(uri):
    client = MongoClient(uri)
    registry.append(client)


def passed_on(uri):
    client = MongoClient(uri)
    run_with(client)


def passed_as_keyword(uri):
    client = MongoClient(uri)
    return Repository(client=client)


def passed_inline(uri):
    run_with(MongoClient(uri))


def stored_on_an_object(uri, holder):
    holder.client = MongoClient(uri)


def run_with(client):
    client.admin.command("ping")


class Repository:
    def __init__(self, client=None, uri=None):
        self.client = client or MongoClient(uri)

    def connect(self, uri):
        client = MongoClient(uri)
        self.client = client

    def close(self):
        self.client.close()


def global_store(uri):
    global shared
    shared = MongoClient(uri)


shared = None
