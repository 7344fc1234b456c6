from fastapi import FastAPI

from app.routers import items, orders, users

app = FastAPI()
app.include_router(users.router)
app.include_router(items.router)
app.include_router(orders.router)
