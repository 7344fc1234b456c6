# boto3 sessions: Session().client() and session.client() build clients like boto3.client().
import boto3
import boto3.session
from boto3.session import Session

session = boto3.Session(region_name="eu-west-1")
s3 = session.client("s3")


def handler(event, context):
    # expect: client-per-request, client-never-closed
    sqs = session.client("sqs")
    sqs.send_message(QueueUrl="q", MessageBody="b")
    # expect: client-per-request, client-never-closed
    table = boto3.Session().resource("dynamodb").Table("t")
    table.get_item(Key={"id": 1})
    # expect: client-per-request, client-never-closed
    sns = Session().client("sns")
    sns.publish(TopicArn="t", Message="m")
    # Negative: the module-scope client.
    s3.list_buckets()
    return {}


def per_invocation_session(event, context):
    own = boto3.session.Session()
    # expect: client-per-request
    c = own.client("s3")
    try:
        return c.list_buckets()
    finally:
        c.close()


_clients = {}


def cached(event, context):
    # Negative: memoised in a module-level dict.
    if "s3" not in _clients:
        _clients["s3"] = session.client("s3")
    return _clients["s3"].list_buckets()


def sweep():
    c = session.client("s3")
    c.list_buckets()
    # expect: close-not-in-finally
    c.close()


# A `client` method of something that is not a boto3 session builds nothing.
def other(event, context, factory):
    return factory.client("s3")


class Uploader:
    def __init__(self):
        self.session = boto3.Session()

    def upload(self, event, context):
        for key in event["keys"]:
            # expect: client-in-loop, client-never-closed
            c = self.session.client("s3")
            c.upload_file(key, "bucket", key)
