"""Pool settings are recorded; this fixture has no client-per-request findings."""
from pymongo import MongoClient

big = MongoClient(maxPoolSize=400)
uri = MongoClient("mongodb://localhost:27017/?maxPoolSize=500&w=majority")
opts = {"maxPoolSize": 200}
