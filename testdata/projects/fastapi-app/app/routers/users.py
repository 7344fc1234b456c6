"""`Depends(get_db)` with `get_db` imported relatively from another module."""

from fastapi import APIRouter, Depends

from ..dependencies import get_db

router = APIRouter()


@router.get("/users")
def list_users(db=Depends(get_db)):
    return list(db.users.find())


@router.get("/users/{user_id}")
def get_user(user_id: str, db=Depends(get_db)):
    return db.users.find_one({"_id": user_id})
