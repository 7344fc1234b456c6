# Pool limits of the HTTP clients: httpx.Limits(max_connections=..), aiohttp.TCPConnector(limit=..),
# requests HTTPAdapter(pool_maxsize=..).
import aiohttp
import httpx
import requests
from aiohttp import TCPConnector
from httpx import Limits
from requests.adapters import HTTPAdapter

# expect: pool-size-too-large
big = httpx.Client(limits=httpx.Limits(max_connections=1000, max_keepalive_connections=20))
# expect: pool-size-too-large
none_usable = httpx.AsyncClient(limits=Limits(max_connections=0))
fine = httpx.Client(limits=httpx.Limits(max_connections=50))

session = requests.Session()
# expect: pool-size-too-large
session.mount("https://", HTTPAdapter(pool_maxsize=500))
# A limit of something else is not a pool size.
other_limits = dict(max_connections=0)


async def startup():
    # expect: pool-size-too-large
    unbounded = aiohttp.ClientSession(connector=TCPConnector(limit=0))
    # expect: pool-size-too-large
    wide = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=400, limit_per_host=0))
    ok = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=50))
    return unbounded, wide, ok
