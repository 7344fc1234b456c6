// axum: `routing::get(h)` and `on(MethodFilter::GET, h)`.
use axum::routing::{self, on, MethodFilter};
use axum::Router;
use mongodb::Client;

async fn by_path() -> &'static str {
    // expect: client-per-request
    let _c = Client::with_uri_str("mongodb://db").await.unwrap();
    "ok"
}

async fn by_filter() -> &'static str {
    // expect: client-per-request
    let _c = Client::with_uri_str("mongodb://db").await.unwrap();
    "ok"
}

pub fn router() -> Router {
    Router::new()
        .route("/a", routing::get(by_path))
        .route("/b", on(MethodFilter::GET, by_filter))
}
