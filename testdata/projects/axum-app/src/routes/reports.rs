// The client type of another module, built per request.
use crate::repo::ReportRepo;

pub async fn count() -> String {
    let repo = ReportRepo::new().await;
    repo.count().await.to_string()
}
