// `use super::helpers::orders_client;`: a sibling module through `super::`.
use super::helpers::orders_client;

pub async fn list() -> String {
    let client = orders_client().await;
    format!("{:?}", client.list_database_names().await)
}
