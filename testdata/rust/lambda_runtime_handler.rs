// AWS Lambda (lambda_runtime): the function given to `service_fn` runs on every event.
use lambda_runtime::{run, service_fn, Error, LambdaEvent};
use mongodb::Client;
use serde_json::Value;

async fn func(event: LambdaEvent<Value>) -> Result<Value, Error> {
    // expect: client-per-request
    let client = Client::with_uri_str(std::env::var("MONGODB_URI")?).await?;
    let _ = client.list_database_names().await?;
    Ok(event.payload)
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    run(service_fn(func)).await
}
