from pymongo import MongoClient

URIS = ["mongodb://a", "mongodb://b"]

for uri in URIS:
    # expect: client-in-loop
    MongoClient(uri).admin.command("ping")

i = 0
while i < 3:
    # expect: client-in-loop
    c = MongoClient()
    i += 1

# expect: client-in-loop
clients = [MongoClient(u) for u in URIS]

once = MongoClient()
