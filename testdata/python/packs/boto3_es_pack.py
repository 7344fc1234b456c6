# boto3 and Elasticsearch: clients built per invocation.
import boto3
from botocore.config import Config
from elasticsearch import Elasticsearch

s3 = boto3.client("s3")
# expect: pool-size-too-large
tuned = boto3.client("dynamodb", config=Config(max_pool_connections=500))
es = Elasticsearch("http://search:9200")


def handler(event, context):
    # expect: client-per-request, client-never-closed
    client = boto3.client("s3")
    client.list_buckets()
    # expect: client-per-request, client-never-closed
    table = boto3.resource("dynamodb").Table("t")
    table.get_item(Key={"id": 1})
    # Negative: the module-scope clients.
    s3.list_buckets()
    es.info()
    return {}


# A `client` that is not boto3's builds nothing.
def other(factory):
    return factory.client("s3")


def search(event, context):
    # expect: client-per-request
    e = Elasticsearch("http://search:9200")
    try:
        return e.search(index="i")
    finally:
        e.close()


def reindex():
    # expect: pool-size-too-large
    e = Elasticsearch("http://search:9200", connections_per_node=300)
    e.indices.refresh()
    # expect: close-not-in-finally
    e.close()


def sweep():
    c = boto3.client("s3")
    c.list_buckets()
    # expect: close-not-in-finally
    c.close()


# 7.x `maxsize`: 0 is an unbounded urllib3 pool.
# expect: pool-size-too-large
legacy = Elasticsearch("http://search:9200", maxsize=0)
