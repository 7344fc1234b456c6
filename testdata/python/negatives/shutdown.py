import atexit

from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)
client = MongoClient()
atexit.register(client.close)


@app.route("/")
def index():
    return str(client.server_info())


def main():
    local = MongoClient()
    local.admin.command("ping")
    # expect: close-not-in-finally
    local.close()


if __name__ == "__main__":
    main()
