// The right way with actix-web: one client built in main, shared through `web::Data`.
use actix_web::{get, web, App, HttpResponse, HttpServer};
use mongodb::Client;

#[get("/users")]
async fn list_users(client: web::Data<Client>) -> HttpResponse {
    let _db = client.database("app");
    HttpResponse::Ok().finish()
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let uri = std::env::var("MONGODB_URI").unwrap_or_else(|_| "mongodb://localhost:27017".into());
    let client = Client::with_uri_str(uri).await.expect("failed to connect");
    HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(client.clone()))
            .service(list_users)
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
