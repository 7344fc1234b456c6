// A client type: its constructor builds a client.
use mongodb::Client;

pub struct ReportRepo {
    client: Client,
}

impl ReportRepo {
    pub async fn new() -> Self {
        // expect: client-per-request
        let client = Client::with_uri_str("mongodb://localhost:27017").await.unwrap();
        ReportRepo { client }
    }

    pub async fn count(&self) -> u64 {
        self.client
            .database("app")
            .collection::<mongodb::bson::Document>("reports")
            .count_documents(mongodb::bson::doc! {})
            .await
            .unwrap_or(0)
    }
}
