"""`from app import get_client`: the package `__init__` re-export."""

from flask import Blueprint, jsonify

from app import get_client

bp = Blueprint("admin", __name__)


@bp.route("/admin/stats")
def stats():
    client = get_client()
    return jsonify(client.app.command("dbstats"))
