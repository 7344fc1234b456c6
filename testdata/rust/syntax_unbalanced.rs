// Unbalanced brackets: the tokens cannot even be read. A notice, no findings.
use actix_web::{get, HttpResponse};
use mongodb::Client;

#[get("/")]
async fn broken( -> HttpResponse {
    let _c = Client::with_uri_str("mongodb://db").await;
    HttpResponse::Ok().finish()
}
