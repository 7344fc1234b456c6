// AWS Lambda (lambda_http): `lambda_http::run(service_fn(h))`; the right way is a client
// built once in main and captured by the closure.
use lambda_http::{service_fn, Body, Error, Request, Response};
use mongodb::Client;

async fn handler(_req: Request) -> Result<Response<Body>, Error> {
    // expect: client-per-request
    let client = Client::with_uri_str("mongodb://localhost").await?;
    let names = client.list_database_names().await?;
    Ok(Response::new(Body::from(names.join(","))))
}

async fn shared(client: &Client, _req: Request) -> Result<Response<Body>, Error> {
    let names = client.list_database_names().await?;
    Ok(Response::new(Body::from(names.join(","))))
}

#[tokio::main]
async fn main() -> Result<(), Error> {
    let client = Client::with_uri_str("mongodb://localhost").await?;
    let client = &client;
    if std::env::var("SHARED").is_ok() {
        return lambda_http::run(service_fn(move |req| async move { shared(client, req).await })).await;
    }
    lambda_http::run(service_fn(handler)).await
}
