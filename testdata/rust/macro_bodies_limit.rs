// Known limit: syn does not parse the bodies of function-like macros, so a client built inside
// `println!` / `format!` / `vec!` is not seen. Attribute-decorated functions are analysed.
use actix_web::{get, HttpResponse};
use mongodb::Client;

#[get("/")]
async fn index() -> HttpResponse {
    println!("{:?}", Client::with_uri_str("mongodb://db").await.is_ok());
    HttpResponse::Ok().finish()
}
