from aiohttp import web
from motor.motor_asyncio import AsyncIOMotorClient

routes = web.RouteTableDef()


@routes.get("/a")
async def a(request):
    # expect: client-per-request, client-never-closed
    client = AsyncIOMotorClient()
    return web.json_response(await client.db.items.find_one())


async def b(request):
    # expect: client-per-request, client-never-closed
    return web.json_response(await AsyncIOMotorClient().server_info())


async def c(request):
    # expect: client-per-request, client-never-closed
    client = AsyncIOMotorClient()
    return web.json_response({})


async def on_startup(app):
    app["mongo"] = AsyncIOMotorClient()


async def on_cleanup(app):
    app["mongo"].close()


app = web.Application()
app.add_routes(routes)
app.router.add_get("/b", b)
app.add_routes([web.get("/c", c)])
app.on_startup.append(on_startup)
app.on_cleanup.append(on_cleanup)
