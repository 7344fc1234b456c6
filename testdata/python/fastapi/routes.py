from fastapi import APIRouter, FastAPI, WebSocket
from pymongo import AsyncMongoClient

app = FastAPI()
router = APIRouter()


@app.get("/items")
async def list_items():
    # expect: client-per-request, client-never-closed
    client = AsyncMongoClient()
    return await client.db.items.find().to_list(10)


@app.post("/items")
async def add_item():
    # expect: client-per-request, client-never-closed
    await AsyncMongoClient().db.items.insert_one({})


@router.delete("/items/{i}")
async def delete_item(i: str):
    # expect: client-per-request, client-never-closed
    await AsyncMongoClient().db.items.delete_one({"_id": i})


@app.websocket("/ws")
async def ws(websocket: WebSocket):
    # expect: client-per-request, client-never-closed
    client = AsyncMongoClient()
    await websocket.send_text(str(await client.server_info()))


app.include_router(router)
