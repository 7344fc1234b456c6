"""MongoClient() in this docstring is not code."""
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    """Calls MongoClient("mongodb://x") on every request (it does not)."""
    # client = MongoClient()
    message = "MongoClient() should be created once"
    query = f"MongoClient {message}"
    return message + query
