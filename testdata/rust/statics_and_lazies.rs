// Clients kept in statics and lazy cells are built once per process.
use actix_web::{get, HttpResponse};
use mongodb::sync::Client;
use once_cell::sync::Lazy;
use std::sync::{LazyLock, OnceLock};

static CLIENT: Lazy<Client> = Lazy::new(|| Client::with_uri_str("mongodb://db").unwrap());

static STD_CLIENT: LazyLock<Client> =
    LazyLock::new(|| Client::with_uri_str("mongodb://db").expect("connect"));

static CELL: OnceLock<Client> = OnceLock::new();

fn client() -> &'static Client {
    CELL.get_or_init(|| Client::with_uri_str("mongodb://db").unwrap())
}

#[get("/")]
async fn index() -> HttpResponse {
    let _a = CLIENT.list_database_names();
    let _b = STD_CLIENT.list_database_names();
    let _c = client().list_database_names();
    HttpResponse::Ok().finish()
}
