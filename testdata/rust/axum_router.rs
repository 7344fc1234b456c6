// axum handlers registered with `Router::new().route(p, get(h).post(h2))`.
use axum::{routing::get, Router};
use mongodb::Client;

async fn list() -> String {
    // expect: client-per-request
    let client = Client::with_uri_str("mongodb://localhost:27017").await.unwrap();
    format!("{:?}", client.list_database_names().await)
}

async fn create() -> &'static str {
    // expect: client-per-request
    let _client = Client::with_uri_str("mongodb://localhost:27017").await.unwrap();
    "created"
}

// Helper used at startup only: not a handler.
async fn warm_up() {
    let _client = Client::with_uri_str("mongodb://localhost:27017").await.unwrap();
}

pub fn app() -> Router {
    Router::new().route("/items", get(list).post(create))
}
