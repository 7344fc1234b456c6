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
    local.close()


if __name__ == "__main__":
    main()
