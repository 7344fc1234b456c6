# Imports decide: generic names the file does not import from a known library are nothing.
from flask import Flask
from myhttp import Client

app = Flask(__name__)


@app.route("/x")
def x():
    c = Client()
    s = Session()
    r = Redis(max_connections=900)
    b = client("s3")
    return str([c, s, r, b])
