// A callback nested in a handler runs per request too; a suppressed construction is silent.
use axum::{routing::get, Router};
use mongodb::Client;

async fn handler() -> &'static str {
    let jobs = vec!["a", "b"];
    let futures: Vec<_> = jobs
        .into_iter()
        .map(|job| async move {
            // expect: client-per-request
            let c = Client::with_uri_str("mongodb://db").await.unwrap();
            (job, c)
        })
        .collect();
    drop(futures);
    // connlint-ignore client-per-request
    let _quiet = Client::with_uri_str("mongodb://db").await;
    "ok"
}

pub fn router() -> Router {
    Router::new().route("/", get(handler))
}
