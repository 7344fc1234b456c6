// AWS SDK for Rust: a service client per invocation.
use aws_sdk_s3 as s3;
use lambda_runtime::{service_fn, LambdaEvent};
use serde_json::Value;
use tokio::sync::OnceCell;

static DYNAMO: OnceCell<aws_sdk_dynamodb::Client> = OnceCell::const_new();

async fn handler(event: LambdaEvent<Value>) -> Result<Value, lambda_runtime::Error> {
    let config = aws_config::load_from_env().await;
    // expect: client-per-request
    let client = aws_sdk_s3::Client::new(&config);
    let _ = client.list_buckets().send().await;
    // expect: client-per-request
    let aliased = s3::Client::new(&config);
    let _ = aliased.list_buckets().send().await;
    // Negative: a client cached in a OnceCell.
    let dynamo = DYNAMO
        .get_or_init(|| async { aws_sdk_dynamodb::Client::new(&config) })
        .await;
    let _ = dynamo.list_tables().send().await;
    Ok(event.payload)
}

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_runtime::run(service_fn(handler)).await
}
