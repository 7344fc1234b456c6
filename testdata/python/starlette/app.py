from starlette.applications import Starlette
from starlette.endpoints import HTTPEndpoint
from starlette.responses import JSONResponse
from starlette.routing import Route
from motor.motor_asyncio import AsyncIOMotorClient


async def homepage(request):
    # expect: client-per-request, client-never-closed
    client = AsyncIOMotorClient()
    return JSONResponse(await client.db.items.find_one())


async def about(request):
    # expect: client-per-request, client-never-closed
    return JSONResponse(await AsyncIOMotorClient().server_info())


class Users(HTTPEndpoint):
    async def get(self, request):
        # expect: client-per-request, client-never-closed
        client = AsyncIOMotorClient()
        return JSONResponse(await client.db.users.find_one())


def not_a_route():
    return AsyncIOMotorClient()


routes = [
    Route("/", homepage),
    Route("/about", endpoint=about),
    Route("/users", Users),
]
app = Starlette(routes=routes)
