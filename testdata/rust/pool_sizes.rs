// Pool sizes in the Rust driver: builder calls, struct literals, assignments and URIs.
use mongodb::options::ClientOptions;
use mongodb::Client;

pub async fn build() -> Client {
    let options = ClientOptions::builder()
        .hosts(vec![])
        // expect: pool-size-too-large
        .max_pool_size(250)
        .build();
    let _literal = ClientOptions {
        // expect: pool-size-too-large
        max_pool_size: Some(1000),
        min_pool_size: Some(5),
        ..Default::default()
    };
    let mut assigned = options.clone();
    // expect: pool-size-too-large
    assigned.max_pool_size = Some(500);
    let mut fine = ClientOptions::default();
    fine.max_pool_size = Some(50);
    // expect: pool-size-too-large
    let uri = "mongodb://localhost:27017/?retryWrites=true&maxPoolSize=300";
    let _ok = "mongodb://localhost:27017/?maxPoolSize=20";
    let _not_mongo = "postgres://localhost/?maxPoolSize=900";
    Client::with_uri_str(uri).await.unwrap()
}

pub fn zero() -> ClientOptions {
    // expect: pool-size-too-large
    ClientOptions::builder().max_pool_size(0).build()
}
