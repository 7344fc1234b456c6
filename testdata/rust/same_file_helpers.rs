// A handler that calls a same-file helper (free function, `Self::`, `self.`) makes the helper
// run per request.
use actix_web::{get, web, HttpResponse};
use mongodb::Client;

async fn connect() -> Client {
    // expect: client-per-request
    Client::with_uri_str("mongodb://localhost").await.unwrap()
}

async fn connect_deeper() -> Client {
    connect_deepest().await
}

async fn connect_deepest() -> Client {
    // expect: client-per-request
    Client::with_uri_str("mongodb://localhost").await.unwrap()
}

struct Service;

impl Service {
    async fn client() -> Client {
        // expect: client-per-request
        Client::with_uri_str("mongodb://localhost").await.unwrap()
    }

    async fn own_client(&self) -> Client {
        // expect: client-per-request
        Client::with_uri_str("mongodb://localhost").await.unwrap()
    }

    async fn handle(&self) -> HttpResponse {
        let _a = Self::client().await;
        let _b = self.own_client().await;
        HttpResponse::Ok().finish()
    }
}

#[get("/a")]
async fn a() -> HttpResponse {
    let _c = connect().await;
    let _d = connect_deeper().await;
    HttpResponse::Ok().finish()
}

async fn b(svc: web::Data<Service>) -> HttpResponse {
    svc.handle().await
}

pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.route("/b", web::get().to(b));
}
