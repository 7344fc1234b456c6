from flask.views import MethodView
from pymongo import MongoClient


class ItemAPI(MethodView):
    def get(self, item_id):
        return self.load(item_id)

    def post(self):
        # expect: client-per-request, client-never-closed
        client = MongoClient()
        client.db.items.insert_one({})
        return ""

    def load(self, item_id):
        # expect: client-per-request, client-never-closed
        client = MongoClient()
        return client.db.items.find_one({"_id": item_id})


class NotAView:
    def get(self):
        return MongoClient()
