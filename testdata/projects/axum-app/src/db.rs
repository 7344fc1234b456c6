// `connect` builds a new client on every call; `shared` builds one per process.
use mongodb::Client;
use tokio::sync::OnceCell;

static CLIENT: OnceCell<Client> = OnceCell::const_new();

pub async fn connect() -> Client {
    // expect: client-per-request
    Client::with_uri_str("mongodb://localhost:27017").await.unwrap()
}

pub async fn shared() -> &'static Client {
    CLIENT
        .get_or_init(|| async { Client::with_uri_str("mongodb://localhost:27017").await.unwrap() })
        .await
}
