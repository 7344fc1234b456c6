// poem: `#[handler]` functions.
use mongodb::Client;
use poem::{get, handler, Route};

#[handler]
async fn hello() -> String {
    // expect: client-per-request
    let client = Client::with_uri_str("mongodb://localhost").await.unwrap();
    format!("{:?}", client.list_database_names().await)
}

// A plain function of the same file that no route uses.
async fn make_client() -> Client {
    Client::with_uri_str("mongodb://localhost").await.unwrap()
}

pub fn app() -> Route {
    Route::new().at("/hello", get(hello))
}
