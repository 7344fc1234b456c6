import sys

from pymongo import MongoClient


def export_orders(uri, path):
    client = MongoClient(uri)
    orders = list(client.shop.orders.find({}, {"_id": 0}))
    with open(path, "w") as out:
        out.writelines(f"{o}\n" for o in orders)
    # expect: close-not-in-finally
    client.close()


if __name__ == "__main__":
    export_orders(sys.argv[1], sys.argv[2])
