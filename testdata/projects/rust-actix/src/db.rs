use mongodb::Client;

pub async fn connect() -> Client {
    // expect: client-per-request
    Client::with_uri_str("mongodb://localhost").await.unwrap()
}

// Not called per request.
pub async fn unused() -> Client {
    Client::with_uri_str("mongodb://localhost").await.unwrap()
}
