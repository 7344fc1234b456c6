# aiohttp, HTTPX and Requests: a session or client per request gives up connection reuse.
import aiohttp
import httpx
import requests
from fastapi import FastAPI

app = FastAPI()
session = requests.Session()
http = httpx.AsyncClient()


@app.get("/aiohttp")
async def via_aiohttp():
    # expect: client-per-request, client-never-closed
    s = aiohttp.ClientSession()
    await s.get("https://example.com")
    return {}


@app.get("/aiohttp-with")
async def via_aiohttp_with():
    # expect: client-per-request
    async with aiohttp.ClientSession() as s:
        await s.get("https://example.com")
    return {}


@app.get("/httpx")
def via_httpx():
    # expect: client-per-request
    with httpx.Client() as c:
        c.get("https://example.com")
    return {}


@app.get("/httpx-async")
async def via_httpx_async():
    # expect: client-per-request
    c = httpx.AsyncClient()
    try:
        await c.get("https://example.com")
    finally:
        await c.aclose()
    return {}


@app.get("/requests")
def via_requests():
    # expect: client-per-request, client-never-closed
    s = requests.Session()
    s.get("https://example.com")
    return {}


# Negative: an aiohttp session memoised on first use.
_aiohttp_session = None


async def shared_aiohttp():
    global _aiohttp_session
    if _aiohttp_session is None:
        _aiohttp_session = aiohttp.ClientSession()
    return _aiohttp_session


@app.get("/aiohttp-shared")
async def via_shared_aiohttp():
    s = await shared_aiohttp()
    await s.get("https://example.com")
    return {}


# Negative: module-scope session and client.
@app.get("/shared")
async def shared():
    session.get("https://example.com")
    await http.get("https://example.com")
    return {}


async def crawl():
    s = aiohttp.ClientSession()
    await s.get("https://example.com")
    # expect: close-not-in-finally
    await s.close()


def fetch():
    c = httpx.Client()
    c.get("https://example.com")
    # expect: close-not-in-finally
    c.close()


async def fetch_async():
    c = httpx.AsyncClient()
    await c.get("https://example.com")
    # expect: close-not-in-finally
    await c.aclose()


def download():
    s = requests.Session()
    s.get("https://example.com")
    # expect: close-not-in-finally
    s.close()
