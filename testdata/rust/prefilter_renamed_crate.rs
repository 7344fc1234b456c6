// The prefilter looks for a crate in a `use` or a path, not bare: here only `use reqwest as http`
// names it.
use axum::{routing::get, Router};
use reqwest as http;

async fn fetch() -> String {
    // expect: client-per-request
    let client = http::Client::new();
    format!("{:?}", client)
}

pub fn app() -> Router {
    Router::new().route("/fetch", get(fetch))
}
