// The right way with axum and `Extension`: one client, built at startup.
use axum::{routing::get, Extension, Router};
use mongodb::Client;

async fn handler(Extension(client): Extension<Client>) -> String {
    format!("{:?}", client.list_database_names().await)
}

async fn build_app() -> Router {
    let client = Client::with_uri_str("mongodb://localhost").await.unwrap();
    Router::new().route("/", get(handler)).layer(Extension(client))
}

#[tokio::main]
async fn main() {
    let app = build_app().await;
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
