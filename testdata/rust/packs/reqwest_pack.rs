// reqwest: a Client per request gives up connection reuse; build it once and clone it.
use axum::{extract::State, routing::get, Router};
use reqwest::Client;
use std::sync::OnceLock;
use std::time::Duration;

static HTTP: OnceLock<Client> = OnceLock::new();

async fn proxy() -> String {
    // expect: client-per-request
    let client = Client::new();
    client.get("https://example.com").send().await.map(|r| r.status().to_string()).unwrap_or_default()
}

async fn built() -> String {
    // expect: client-per-request
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(5))
        .build()
        .unwrap();
    format!("{:?}", client)
}

// Negative: a client cached in a OnceLock, and one in application state.
async fn cached() -> String {
    let client = HTTP.get_or_init(Client::new);
    format!("{:?}", client)
}

async fn shared(State(client): State<Client>) -> String {
    format!("{:?}", client)
}

// Negative: `build()` on a chain that does not start at a known builder.
async fn other() -> String {
    let req = http::Request::builder().uri("/").body(()).unwrap();
    format!("{:?}", req)
}

#[tokio::main]
async fn main() {
    let client = Client::builder().build().unwrap();
    let app = Router::new()
        .route("/proxy", get(proxy))
        .route("/built", get(built))
        .route("/cached", get(cached))
        .route("/other", get(other))
        .route("/shared", get(shared))
        .with_state(client);
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
