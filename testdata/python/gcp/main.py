import functions_framework
from pymongo import MongoClient

client = MongoClient()


@functions_framework.http
def handle(request):
    # expect: client-per-request, client-never-closed
    c = MongoClient()
    return str(c.db.items.count_documents({}))


@functions_framework.http
def reuse(request):
    return str(client.db.items.count_documents({}))
