// The synchronous driver: `mongodb::sync::Client`.
use actix_web::{get, HttpResponse};
use mongodb::sync::Client;

#[get("/sync")]
async fn sync_handler() -> HttpResponse {
    // expect: client-per-request
    let client = Client::with_uri_str("mongodb://localhost:27017").unwrap();
    let _ = client.list_database_names();
    HttpResponse::Ok().finish()
}

#[get("/sync-qualified")]
async fn qualified() -> HttpResponse {
    // expect: client-per-request
    let _client = mongodb::sync::Client::with_uri_str("mongodb://localhost:27017");
    HttpResponse::Ok().finish()
}
