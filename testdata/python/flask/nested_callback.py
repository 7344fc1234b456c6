from flask import Flask
from pymongo import MongoClient

app = Flask(__name__)


@app.route("/report")
def report():
    def load():
        # expect: client-per-request, client-never-closed
        return MongoClient().db.report.find()

    rows = sorted(load(), key=lambda r: r["n"])
    return str(rows)
