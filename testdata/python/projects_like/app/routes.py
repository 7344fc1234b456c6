from flask import Blueprint

from .db import get_client

bp = Blueprint("routes", __name__)


@bp.route("/")
def index():
    return str(get_client().server_info())
