// A factory that calls a factory (`super::super::db`) and hands the result back.
use super::super::db;

pub async fn orders_client() -> mongodb::Client {
    let client = db::connect().await;
    client
}
