# redis-py: a client per request builds a new connection pool per request.
import redis
from fastapi import FastAPI
from redis import Redis

app = FastAPI()
shared_client = redis.Redis.from_url("redis://cache:6379/0")


@app.get("/a")
def a():
    # expect: client-per-request
    r = Redis(host="cache")
    try:
        return {"v": r.get("a")}
    finally:
        r.close()


@app.get("/b")
def b():
    # expect: client-per-request, client-never-closed
    r = redis.from_url("redis://cache:6379/0")
    r.incr("b")
    return {}


@app.get("/c")
def c():
    # expect: client-per-request, client-never-closed
    r = Redis.from_url("redis://cache:6379/0", max_connections=50)
    r.incr("c")
    return {}


# Negative: the shared client.
@app.get("/d")
def d():
    return {"v": shared_client.get("d")}


def warm():
    # expect: pool-size-too-large
    r = Redis(host="cache", max_connections=5000)
    r.set("warm", 1)
    # expect: close-not-in-finally
    r.close()


# `max_connections=0` is read as "unset": no limit (2**31).
# expect: pool-size-too-large
unbounded = Redis(host="cache", max_connections=0)
