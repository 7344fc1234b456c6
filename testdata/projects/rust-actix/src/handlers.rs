use crate::db::connect;
use actix_web::HttpResponse;
use mongodb::Client;

pub async fn list() -> HttpResponse {
    let client = connect().await;
    let _ = client.list_database_names().await;
    HttpResponse::Ok().finish()
}

pub async fn health() -> HttpResponse {
    // expect: client-per-request
    let _client = Client::with_uri_str("mongodb://localhost").await;
    HttpResponse::Ok().finish()
}
