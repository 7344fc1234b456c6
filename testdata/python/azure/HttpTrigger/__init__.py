import azure.functions as func
import pymongo


def main(req: func.HttpRequest) -> func.HttpResponse:
    # expect: client-per-request, client-never-closed
    client = pymongo.MongoClient()
    return func.HttpResponse(str(client.server_info()))
