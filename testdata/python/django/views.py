"""Django function views: in a views module, the first parameter is the request."""
from django.http import JsonResponse
from pymongo import MongoClient


def index(request):
    # expect: client-per-request, client-never-closed
    client = MongoClient()
    return JsonResponse({"n": client.db.items.count_documents({})})


def detail(request, pk):
    return JsonResponse(load(pk))


def load(pk):
    # expect: client-per-request, client-never-closed
    return MongoClient().db.items.find_one({"_id": pk})


def helper_never_called(x):
    return MongoClient()
