// Rocket route attributes make handlers.
#[macro_use]
extern crate rocket;

use mongodb::Client;

#[get("/")]
async fn index() -> String {
    // expect: client-per-request
    let client = Client::with_uri_str("mongodb://localhost:27017").await.unwrap();
    format!("{:?}", client.list_database_names().await)
}

#[rocket::post("/items")]
async fn create() -> &'static str {
    // expect: client-per-request
    let _client = Client::with_uri_str("mongodb://localhost:27017").await.unwrap();
    "created"
}

#[launch]
fn rocket() -> _ {
    rocket::build().mount("/", routes![index, create])
}
