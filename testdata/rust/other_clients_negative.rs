// Other crates' `Client` types are not MongoDB clients, even built per request.
use actix_web::{get, HttpResponse};
use reqwest::Client;

#[get("/proxy")]
async fn proxy() -> HttpResponse {
    let client = Client::new();
    let _ = client.get("https://example.com").send().await;
    let _other = Client::with_uri_str("https://example.com");
    HttpResponse::Ok().finish()
}

#[get("/cache")]
async fn cache() -> HttpResponse {
    let _redis = redis::Client::open("redis://127.0.0.1/");
    let _fake = sqlx::Client::with_options(());
    HttpResponse::Ok().finish()
}
