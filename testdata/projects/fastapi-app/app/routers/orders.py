"""A handler that instantiates a client class of another module."""

from fastapi import APIRouter

from app.repositories import OrderRepository

router = APIRouter()


@router.get("/orders")
def list_orders():
    repo = OrderRepository()
    return repo.all()
