// An axum app split into modules: `mod db;`, `mod routes;` with handlers in routes/*.rs.
mod db;
mod repo;
mod routes;

use axum::{routing::get, Router};

#[tokio::main]
async fn main() {
    let app = Router::new()
        .route("/users", get(routes::users::list))
        .route("/orders", get(routes::orders::list))
        .route("/cached", get(routes::users::cached))
        .route("/reports", get(routes::reports::count));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
