// The right way with Rocket: one client, handed to `manage`.
#[macro_use]
extern crate rocket;

use mongodb::Client;
use rocket::State;

#[get("/")]
async fn index(client: &State<Client>) -> String {
    format!("{:?}", client.list_database_names().await)
}

#[launch]
async fn rocket() -> _ {
    let client = Client::with_uri_str("mongodb://localhost:27017").await.unwrap();
    rocket::build().manage(client).mount("/", routes![index])
}
