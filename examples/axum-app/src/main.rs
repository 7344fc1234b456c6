//! An axum service that builds a MongoDB client in a handler.
use axum::{routing::get, Router};
use mongodb::Client;

async fn list_users() -> String {
    let client = Client::with_uri_str("mongodb://localhost:27017").await.unwrap();
    format!("{:?}", client.list_database_names().await)
}

#[tokio::main]
async fn main() {
    let app = Router::new().route("/users", get(list_users));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
