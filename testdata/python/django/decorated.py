"""Django views outside views.py are recognised by their decorators."""
from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_http_methods
from rest_framework.decorators import api_view
from rest_framework.response import Response
from pymongo import MongoClient


@api_view(["GET"])
def items(request):
    # expect: client-per-request, client-never-closed
    return Response(list(MongoClient().db.items.find()))


@require_http_methods(["GET", "POST"])
def orders(request):
    # expect: client-per-request, client-never-closed
    client = MongoClient()
    return Response(list(client.db.orders.find()))


@login_required
def profile(request):
    # expect: client-per-request, client-never-closed
    client = MongoClient()
    return Response(client.db.users.find_one())


def not_a_view(request):
    # Not in a views module and not decorated: no finding.
    return MongoClient()
