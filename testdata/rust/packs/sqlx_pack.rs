// SQLx: a pool per request; pool sizes through PgPoolOptions.
use actix_web::{get, web, App, HttpResponse, HttpServer};
use sqlx::postgres::{PgPool, PgPoolOptions};

#[get("/users")]
async fn users() -> HttpResponse {
    // expect: client-per-request
    let pool = PgPool::connect("postgres://db/app").await.unwrap();
    let _ = sqlx::query("select 1").execute(&pool).await;
    HttpResponse::Ok().finish()
}

#[get("/options")]
async fn options() -> HttpResponse {
    // expect: client-per-request
    let pool = PgPoolOptions::new()
        .max_connections(5)
        .connect("postgres://db/app")
        .await
        .unwrap();
    let _ = sqlx::query("select 1").execute(&pool).await;
    HttpResponse::Ok().finish()
}

// Negative: the pool built in main and shared with web::Data.
#[get("/shared")]
async fn shared(pool: web::Data<PgPool>) -> HttpResponse {
    let _ = sqlx::query("select 1").execute(pool.get_ref()).await;
    HttpResponse::Ok().finish()
}

// Negative: `max_connections` on something that is not a pool builder.
fn limits(cfg: &mut Config) {
    cfg.max_connections(900);
}

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let pool = PgPoolOptions::new()
        // expect: pool-size-too-large
        .max_connections(500)
        .connect("postgres://db/app")
        .await
        .unwrap();
    let zero = PgPoolOptions::new()
        // expect: pool-size-too-large
        .max_connections(0)
        .connect_lazy("postgres://db/app")
        .unwrap();
    drop(zero);
    HttpServer::new(move || {
        App::new()
            .app_data(web::Data::new(pool.clone()))
            .service(users)
            .service(options)
            .service(shared)
    })
    .bind(("0.0.0.0", 8080))?
    .run()
    .await
}
