// Imports decide what a `Client` is: reqwest's and redis' are their own packs' clients (not
// MongoDB's), and a method their packs do not list builds nothing.
use actix_web::{get, HttpResponse};
use reqwest::Client;

#[get("/proxy")]
async fn proxy() -> HttpResponse {
    // expect: client-per-request
    let client = Client::new();
    let _ = client.get("https://example.com").send().await;
    let _other = Client::with_uri_str("https://example.com");
    HttpResponse::Ok().finish()
}

#[get("/cache")]
async fn cache() -> HttpResponse {
    // expect: client-per-request
    let _redis = redis::Client::open("redis://127.0.0.1/");
    let _fake = sqlx::Client::with_options(());
    HttpResponse::Ok().finish()
}
