// A handler registered by path (`handlers::list`) and defined in another module, which calls a
// helper of a third module (`crate::db::connect`).
mod db;
mod handlers;

use actix_web::{web, App, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    HttpServer::new(|| {
        App::new()
            .route("/users", web::get().to(handlers::list))
            .route("/health", web::get().to(handlers::health))
    })
    .bind(("127.0.0.1", 8080))?
    .run()
    .await
}
