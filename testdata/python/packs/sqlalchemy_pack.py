# SQLAlchemy: an Engine per request opens a new pool per request.
from fastapi import FastAPI
from sqlalchemy import create_engine, text
from sqlalchemy.ext.asyncio import create_async_engine

app = FastAPI()
# expect: pool-size-too-large
engine = create_engine("postgresql://db/app", pool_size=200, max_overflow=10)


@app.get("/users")
def users():
    # expect: client-per-request
    per_request = create_engine("postgresql://db/app", pool_size=5)
    try:
        with per_request.connect() as conn:
            return conn.execute(text("select 1")).all()
    finally:
        per_request.dispose()


@app.get("/async")
async def users_async():
    # expect: client-per-request, client-never-closed
    e = create_async_engine("postgresql+asyncpg://db/app")
    async with e.connect() as conn:
        await conn.execute(text("select 1"))
    return {}


# Negative: the module-scope engine.
@app.get("/shared")
def shared():
    with engine.connect() as conn:
        return conn.execute(text("select 1")).all()


# Negative: `pool_size` of a call that builds no engine.
settings = dict(pool_size_hint=500)


def report():
    # expect: pool-size-too-large
    e = create_engine("postgresql://db/app", pool_size=0)
    with e.connect() as conn:
        conn.execute(text("select 1"))
    # expect: close-not-in-finally
    e.dispose()


# Negative: `max_overflow=0` (no connections beyond pool_size) is an ordinary setting.
bounded = create_engine("postgresql://db/app", pool_size=10, max_overflow=0)
