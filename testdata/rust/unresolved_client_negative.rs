// A bare `Client` that the file does not import is nothing we know.
use actix_web::{get, HttpResponse};

struct Client;

impl Client {
    async fn with_uri_str(_uri: &str) -> Client {
        Client
    }
}

#[get("/")]
async fn index() -> HttpResponse {
    let _c = Client::with_uri_str("mongodb://db").await;
    HttpResponse::Ok().finish()
}
