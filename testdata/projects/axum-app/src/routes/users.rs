// `use crate::db::connect;` and a module path `crate::db::shared()`.
use crate::db::connect;

pub async fn list() -> String {
    let client = connect().await;
    format!("{:?}", client.list_database_names().await)
}

pub async fn cached() -> String {
    let client = crate::db::shared().await;
    format!("{:?}", client.list_database_names().await)
}
