// `tokio::sync::OnceCell::get_or_init` inside a handler: the closure runs once.
use axum::{routing::get, Router};
use mongodb::Client;
use tokio::sync::OnceCell;

static CLIENT: OnceCell<Client> = OnceCell::const_new();

async fn list() -> String {
    let client = CLIENT
        .get_or_init(|| async { Client::with_uri_str("mongodb://db").await.unwrap() })
        .await;
    format!("{:?}", client.list_database_names().await)
}

async fn list_with_helper() -> String {
    let client = shared().await;
    format!("{:?}", client.list_database_names().await)
}

async fn shared() -> &'static Client {
    CLIENT
        .get_or_init(|| async {
            let uri = std::env::var("MONGODB_URI").unwrap();
            Client::with_uri_str(uri).await.unwrap()
        })
        .await
}

pub fn router() -> Router {
    Router::new().route("/", get(list)).route("/h", get(list_with_helper))
}
