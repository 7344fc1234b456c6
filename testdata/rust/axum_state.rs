// The right way with axum: build the client in main and share it with `State`.
use axum::{extract::State, routing::get, Router};
use mongodb::{options::ClientOptions, Client};

#[derive(Clone)]
struct AppState {
    client: Client,
}

async fn list(State(state): State<AppState>) -> String {
    format!("{:?}", state.client.list_database_names().await)
}

#[tokio::main]
async fn main() {
    let options = ClientOptions::parse("mongodb://localhost:27017").await.unwrap();
    let client = Client::with_options(options).unwrap();
    let app = Router::new()
        .route("/", get(list))
        .with_state(AppState { client });
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
