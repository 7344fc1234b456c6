// `lazy_static!` statics are initialised once.
#[macro_use]
extern crate lazy_static;

use actix_web::{get, HttpResponse};
use mongodb::sync::Client;

lazy_static! {
    static ref CLIENT: Client = Client::with_uri_str("mongodb://db").unwrap();
    pub static ref OTHER: Client = {
        let uri = std::env::var("MONGODB_URI").unwrap();
        Client::with_uri_str(uri).unwrap()
    };
}

#[get("/")]
async fn index() -> HttpResponse {
    let _ = CLIENT.list_database_names();
    let _ = OTHER.list_database_names();
    HttpResponse::Ok().finish()
}
