// Clients built in main or in startup code that main calls are built once.
use mongodb::{options::ClientOptions, Client};

struct Repo {
    client: Client,
}

impl Repo {
    async fn connect(uri: &str) -> Repo {
        let client = Client::with_uri_str(uri).await.unwrap();
        Repo { client }
    }
}

async fn serve(client: Client) {
    let _ = client.list_database_names().await;
}

#[tokio::main]
async fn main() {
    let mut options = ClientOptions::parse("mongodb://localhost").await.unwrap();
    options.app_name = Some("svc".into());
    let client = Client::with_options(options).unwrap();
    let repo = Repo::connect("mongodb://localhost").await;
    let _ = repo.client;
    serve(client).await;
}
