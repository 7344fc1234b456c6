"""Pool sizes above the threshold, as keyword arguments, URI options and option dicts."""
from pymongo import MongoClient

# expect: pool-size-too-large
big = MongoClient(maxPoolSize=400)
# expect: pool-size-too-large
uri = MongoClient("mongodb://localhost:27017/?maxPoolSize=500&w=majority")
# expect: pool-size-too-large
opts = {"maxPoolSize": 200}
