// warp: functions passed to `.and_then(..)` / `.map(..)` of a filter chain are handlers.
use mongodb::Client;
use warp::Filter;

async fn list() -> Result<impl warp::Reply, warp::Rejection> {
    // expect: client-per-request
    let client = Client::with_uri_str("mongodb://localhost").await.unwrap();
    Ok(format!("{:?}", client.list_database_names().await))
}

fn summary(names: Vec<String>) -> String {
    names.join(",")
}

#[tokio::main]
async fn main() {
    let routes = warp::path("users")
        .and(warp::get())
        .and_then(list)
        .or(warp::path("health").map(|| {
            // expect: client-per-request
            let _c = Client::with_options(mongodb::options::ClientOptions::default());
            "ok"
        }));
    // An iterator's `map` is not a warp filter.
    let _clients: Vec<_> = vec!["mongodb://a", "mongodb://b"]
        .into_iter()
        .map(|uri| uri.to_string())
        .collect();
    let _ = summary(Vec::new());
    warp::serve(routes).run(([127, 0, 0, 1], 3030)).await;
}
