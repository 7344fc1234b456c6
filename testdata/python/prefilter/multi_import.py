# The prefilter looks for a module in an import, not bare: `requests` shares its import line here.
import os, requests
from flask import Flask

app = Flask(__name__)


@app.route("/proxy")
def proxy():
    # expect: client-per-request, client-never-closed
    session = requests.Session()
    return session.get(os.environ["UPSTREAM"]).text
