// `use mongodb;` then `mongodb::Client::..`, and a type alias.
use axum::{routing::get, Router};
use mongodb;

type Db = mongodb::Client;

async fn by_module() -> &'static str {
    // expect: client-per-request
    let _c = mongodb::Client::with_uri_str("mongodb://db").await.unwrap();
    "ok"
}

async fn by_alias() -> &'static str {
    // expect: client-per-request
    let _c = Db::with_uri_str("mongodb://db").await.unwrap();
    "ok"
}

pub fn router() -> Router {
    Router::new().route("/m", get(by_module)).route("/a", get(by_alias))
}
