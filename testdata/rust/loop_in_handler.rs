// Inside a handler, a construction in a loop is only client-per-request.
use axum::{routing::get, Router};
use mongodb::Client;

async fn fan_out() -> &'static str {
    for uri in ["mongodb://a", "mongodb://b"] {
        // expect: client-per-request
        let _c = Client::with_uri_str(uri).await.unwrap();
    }
    "ok"
}

pub fn router() -> Router {
    Router::new().route("/", get(fan_out))
}
