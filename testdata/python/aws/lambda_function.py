import pymongo

# Outside the handler: reused across warm invocations.
client = pymongo.MongoClient()


def lambda_handler(event, context):
    # expect: client-per-request, client-never-closed
    c = pymongo.MongoClient()
    return c.db.items.find_one()


def handler(event, context):
    return client.db.items.find_one()


def other_entry(event, context):
    # expect: client-per-request, client-never-closed
    return pymongo.MongoClient().db.items.count_documents({})


def utility(x, y):
    return pymongo.MongoClient()
