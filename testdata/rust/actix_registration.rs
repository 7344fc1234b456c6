// actix-web handlers registered with `web::get().to(h)`, `web::resource(..).route(..)` and
// `.service(h)`.
use actix_web::{web, App, HttpResponse, HttpServer};
use mongodb::Client;

async fn index() -> HttpResponse {
    // expect: client-per-request
    let client = Client::with_uri_str("mongodb://localhost").await.unwrap();
    let _ = client.list_database_names().await;
    HttpResponse::Ok().finish()
}

async fn create() -> HttpResponse {
    // expect: client-per-request
    let _client = Client::with_uri_str("mongodb://localhost").await.unwrap();
    HttpResponse::Ok().finish()
}

async fn scoped() -> HttpResponse {
    // expect: client-per-request
    let _client = Client::with_uri_str("mongodb://localhost").await.unwrap();
    HttpResponse::Ok().finish()
}

async fn unused() -> HttpResponse {
    let _client = Client::with_uri_str("mongodb://localhost").await.unwrap();
    HttpResponse::Ok().finish()
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .route("/", web::get().to(index))
            .service(web::resource("/items").route(web::post().to(create)))
            .service(web::scope("/api").route("/x", web::get().to(scoped)))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
