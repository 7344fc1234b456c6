from fastapi import FastAPI
import motor.motor_asyncio

app = FastAPI()
client = motor.motor_asyncio.AsyncIOMotorClient()


async def get_collection():
    # expect: client-per-request, client-never-closed
    return motor.motor_asyncio.AsyncIOMotorClient().db.items


@app.get("/items")
async def items():
    coll = await get_collection()
    return await coll.find().to_list(10)


@app.get("/shared")
async def shared():
    return await client.db.items.find().to_list(10)
