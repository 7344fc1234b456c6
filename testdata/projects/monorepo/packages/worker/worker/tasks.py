"""Celery tasks: `from worker.db import make_client` is the package's own module, not the
top-level worker/ folder of the repository."""

from celery import shared_task

from worker.db import make_client


@shared_task
def reindex():
    client = make_client()
    try:
        client.app.items.create_index("name")
    finally:
        client.close()
