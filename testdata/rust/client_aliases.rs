// The client is found through renames, groups and full paths.
use actix_web::{get, HttpResponse};
use mongodb::Client as Mongo;
use mongodb::{options::ClientOptions, Client};

#[get("/renamed")]
async fn renamed() -> HttpResponse {
    // expect: client-per-request
    let _c = Mongo::with_uri_str("mongodb://db").await;
    HttpResponse::Ok().finish()
}

#[get("/grouped")]
async fn grouped() -> HttpResponse {
    let options = ClientOptions::parse("mongodb://db").await.unwrap();
    // expect: client-per-request
    let _c = Client::with_options(options);
    HttpResponse::Ok().finish()
}

#[get("/qualified")]
async fn qualified() -> HttpResponse {
    // expect: client-per-request
    let _c = mongodb::Client::with_uri_str("mongodb://db").await;
    HttpResponse::Ok().finish()
}
