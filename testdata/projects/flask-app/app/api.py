"""`import app.db as db`: a module alias."""

from flask import Blueprint, jsonify

import app.db as db

bp = Blueprint("api", __name__)


@bp.get("/api/orders")
def orders():
    client = db.get_client()
    return jsonify(list(client.app.orders.find()))


@bp.get("/api/cached")
def cached_orders():
    return jsonify(list(db.get_cached_client().app.orders.find()))
