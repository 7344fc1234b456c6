# aiohttp keeps clients in the application mapping: `app["mongo"]`.
from aiohttp import web
from motor.motor_asyncio import AsyncIOMotorClient

routes = web.RouteTableDef()
clients = {}
clients["main"] = AsyncIOMotorClient()


async def on_startup(app):
    app["mongo"] = AsyncIOMotorClient()


async def on_cleanup(app):
    app["mongo"].close()


@routes.get("/users")
async def users(request):
    n = await request.app["mongo"].app.users.count_documents({})
    return web.Response(text=str(n))


def make_app():
    app = web.Application()
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    app.add_routes(routes)
    return app



@routes.get("/reset")
async def reset(request):
    # The module-level entry is shared by every request.
    # expect: shared-client-closed
    clients['main'].close()
    return web.Response(text="ok")
