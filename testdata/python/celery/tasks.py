from celery import Celery, shared_task
from pymongo import MongoClient

app = Celery("tasks")


@app.task
def sync():
    # A task runs once per job.
    # expect: client-per-request, client-never-closed
    client = MongoClient()
    client.db.items.delete_many({})


@shared_task(bind=True)
def cleanup(self):
    # expect: client-per-request, client-never-closed
    MongoClient().db.items.delete_many({})


def not_a_task():
    return MongoClient()
