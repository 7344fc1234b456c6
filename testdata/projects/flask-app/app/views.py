"""`from .db import get_client`: a relative import."""

from flask import Blueprint, jsonify

from .db import get_cached_client, get_client

bp = Blueprint("views", __name__)


@bp.route("/users")
def users():
    client = get_client()
    try:
        return jsonify(list(client.app.users.find()))
    finally:
        client.close()


@bp.route("/cached")
def cached():
    return jsonify(list(get_cached_client().app.users.find()))
