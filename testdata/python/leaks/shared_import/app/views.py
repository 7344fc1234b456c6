# A view closing the client it imported from another module.
from flask import Blueprint

from . import db as dbmod
from .db import client, make_client
from app.db import client as absolute_client

bp = Blueprint("users", __name__)


@bp.route("/users")
def users():
    n = client.app.users.count_documents({})
    # expect: shared-client-closed
    client.close()
    return str(n)


@bp.route("/absolute")
def absolute():
    # expect: shared-client-closed
    absolute_client.close()
    return "ok"


@bp.route("/module")
def module_attr():
    # expect: shared-client-closed
    dbmod.client.close()
    return "ok"


@bp.route("/own")
def own():
    # A fresh client from a factory is the view's own: closing it is right.
    own_client = make_client()
    try:
        return str(own_client.app.users.count_documents({}))
    finally:
        own_client.close()
