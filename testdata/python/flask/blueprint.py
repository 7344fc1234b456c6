from flask import Blueprint
from pymongo import MongoClient

bp = Blueprint("api", __name__)


@bp.route("/a")
def a():
    # expect: client-per-request, client-never-closed
    c = MongoClient()
    return str(c.list_database_names())


@bp.get("/b")
def b():
    # expect: client-per-request, client-never-closed
    return str(MongoClient().server_info())


@bp.post("/c")
def c():
    # expect: client-per-request, client-never-closed
    db = MongoClient().get_database("x")
    return "ok"
