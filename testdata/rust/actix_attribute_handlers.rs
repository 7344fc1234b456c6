// actix-web handlers declared with route attributes: each one runs per request.
use actix_web::{delete, get, patch, post, put, route, web, HttpResponse};
use mongodb::Client;

#[get("/users")]
async fn list_users() -> HttpResponse {
    // expect: client-per-request
    let client = Client::with_uri_str("mongodb://localhost:27017").await.unwrap();
    let _db = client.database("app");
    HttpResponse::Ok().finish()
}

#[post("/users")]
async fn create_user(body: web::Json<String>) -> HttpResponse {
    // expect: client-per-request
    let client = Client::with_uri_str(&std::env::var("MONGODB_URI").unwrap())
        .await
        .unwrap();
    drop((client, body));
    HttpResponse::Created().finish()
}

#[put("/users/{id}")]
async fn update_user() -> HttpResponse {
    // expect: client-per-request
    let _client = Client::with_options(options()).unwrap();
    HttpResponse::Ok().finish()
}

#[delete("/users/{id}")]
async fn delete_user() -> HttpResponse {
    // expect: client-per-request
    let _client = Client::with_uri_str("mongodb://db").await;
    HttpResponse::NoContent().finish()
}

#[patch("/users/{id}")]
async fn patch_user() -> HttpResponse {
    // expect: client-per-request
    Client::with_uri_str("mongodb://db").await.ok();
    HttpResponse::Ok().finish()
}

#[route("/ping", method = "GET", method = "HEAD")]
async fn ping() -> HttpResponse {
    // expect: client-per-request
    let _c = Client::with_uri_str("mongodb://db").await;
    HttpResponse::Ok().finish()
}

#[actix_web::get("/qualified")]
async fn qualified() -> HttpResponse {
    // expect: client-per-request
    let _c = Client::with_uri_str("mongodb://db").await;
    HttpResponse::Ok().finish()
}

// Not a handler: no route attribute, and nothing registers it.
async fn not_a_handler() -> Client {
    Client::with_uri_str("mongodb://db").await.unwrap()
}

fn options() -> mongodb::options::ClientOptions {
    mongodb::options::ClientOptions::default()
}
