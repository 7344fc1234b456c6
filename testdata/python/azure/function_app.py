import azure.functions as func
from pymongo import MongoClient

app = func.FunctionApp()
client = MongoClient()


@app.route(route="items")
def items(req: func.HttpRequest) -> func.HttpResponse:
    # expect: client-per-request, client-never-closed
    c = MongoClient()
    return func.HttpResponse(str(c.db.items.count_documents({})))


@app.route(route="shared")
def shared(req: func.HttpRequest) -> func.HttpResponse:
    return func.HttpResponse(str(client.db.items.count_documents({})))
