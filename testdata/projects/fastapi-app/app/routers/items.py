"""The cached dependency, through a module import: silent."""

from typing import Annotated

from fastapi import APIRouter, Depends

import app.dependencies as deps

router = APIRouter()


@router.get("/items")
def list_items(db: Annotated[object, Depends(deps.get_cached_db)]):
    return list(db.items.find())
