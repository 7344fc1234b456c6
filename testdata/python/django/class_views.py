from django.apps import AppConfig
from django.views import View
from django.views.generic import ListView
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.views import APIView
from pymongo import MongoClient


class Plain(View):
    def get(self, request):
        # expect: client-per-request, client-never-closed
        client = MongoClient()
        return client.db.items.find_one()


class Api(APIView):
    def post(self, request):
        # expect: client-per-request, client-never-closed
        return MongoClient().db.items.insert_one(request.data)


class Items(ListView):
    def get_queryset(self):
        # expect: client-per-request, client-never-closed
        return list(MongoClient().db.items.find())


class ItemViewSet(viewsets.ViewSet):
    def list(self, request):
        # expect: client-per-request, client-never-closed
        return MongoClient().db.items.find()

    @action(detail=True, methods=["post"])
    def archive(self, request, pk=None):
        # expect: client-per-request, client-never-closed
        return MongoClient().db.items.update_one({"_id": pk}, {"$set": {"a": 1}})


class AppsConfig(AppConfig):
    name = "items"

    def ready(self):
        # Runs once when Django starts.
        self.mongo = MongoClient()


class Plain2:
    def get(self, request):
        return MongoClient()
