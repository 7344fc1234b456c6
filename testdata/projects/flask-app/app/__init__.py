"""The package re-exports the db helpers: `from app import get_client` works."""

from flask import Flask

from .db import get_cached_client, get_client

__all__ = ["create_app", "get_client", "get_cached_client"]


def create_app():
    app = Flask(__name__)
    from . import admin, api, views

    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(admin.bp)
    return app
