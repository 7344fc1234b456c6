from fastapi import Depends, FastAPI
from pymongo import AsyncMongoClient

app = FastAPI()


async def get_db():
    # expect: client-per-request
    client = AsyncMongoClient("mongodb://localhost:27017")
    try:
        yield client.shop
    finally:
        await client.close()


@app.get("/orders/{order_id}")
async def read_order(order_id: str, db=Depends(get_db)):
    return await db.orders.find_one({"_id": order_id}, {"_id": 0})
