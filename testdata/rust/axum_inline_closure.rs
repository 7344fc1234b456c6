// axum: closures passed inline are handlers too.
use axum::{routing::post, Router};
use mongodb::Client;

pub fn router() -> Router {
    Router::new().route(
        "/inline",
        post(|| async {
            // expect: client-per-request
            let client = Client::with_uri_str("mongodb://db").await.unwrap();
            format!("{:?}", client.list_database_names().await)
        }),
    )
}
