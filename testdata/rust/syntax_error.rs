// This file does not parse (a parameter without a type): connlint reports a notice with the
// location and no findings, and the run goes on.
use actix_web::{get, HttpResponse};
use mongodb::Client;

#[get("/")]
async fn broken(request id) -> HttpResponse {
    let _c = Client::with_uri_str("mongodb://db").await;
    HttpResponse::Ok().finish()
}
