// Non-ASCII text before the client on the same line: spans are byte offsets.
use axum::{routing::get, Router};
use mongodb::Client;

async fn grüße() -> String {
    // expect: client-per-request
    let (_s, c) = ("héllo 𝄞 ünïcödé", Client::with_uri_str("mongodb://db/ä").await.unwrap());
    format!("{:?}", c.list_database_names().await)
}

pub fn router() -> Router {
    Router::new().route("/", get(grüße))
}
