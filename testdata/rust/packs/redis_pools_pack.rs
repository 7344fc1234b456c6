// redis-rs, deadpool, bb8 and r2d2: clients and pools per request.
use axum::{routing::get, Router};
use once_cell::sync::Lazy;

static REDIS: Lazy<redis::Client> = Lazy::new(|| redis::Client::open("redis://cache/").unwrap());

async fn cache() -> String {
    // expect: client-per-request
    let client = redis::Client::open("redis://cache/").unwrap();
    format!("{:?}", client.get_connection_info())
}

async fn cached() -> String {
    format!("{:?}", REDIS.get_connection_info())
}

// Negative: pools built once, in lazies and once-cells.
static DEAD: Lazy<deadpool_postgres::Pool> = Lazy::new(|| {
    deadpool_postgres::Pool::builder(deadpool_postgres::Manager::new(cfg(), tokio_postgres::NoTls))
        .max_size(8)
        .build()
        .unwrap()
});
static SYNC: Lazy<r2d2::Pool<SyncManager>> = Lazy::new(|| r2d2::Pool::new(sync_manager()).unwrap());
static BB8: tokio::sync::OnceCell<bb8::Pool<Manager>> = tokio::sync::OnceCell::const_new();

async fn shared_pools() -> String {
    let bb8 = BB8
        .get_or_init(|| async { bb8::Pool::builder().build(manager()).await.unwrap() })
        .await;
    format!("{:?} {:?} {:?}", DEAD.status(), SYNC.state(), bb8.state())
}

async fn dead() -> String {
    let mgr = deadpool_postgres::Manager::new(cfg(), tokio_postgres::NoTls);
    // expect: client-per-request
    let pool = deadpool_postgres::Pool::builder(mgr).max_size(16).build().unwrap();
    format!("{:?}", pool.status())
}

async fn with_bb8() -> String {
    let mgr = manager();
    // expect: client-per-request
    let pool = bb8::Pool::builder().max_size(15).build(mgr).await.unwrap();
    format!("{:?}", pool.state())
}

async fn with_r2d2() -> String {
    // expect: client-per-request
    let pool = r2d2::Pool::new(sync_manager()).unwrap();
    format!("{:?}", pool.state())
}

#[tokio::main]
async fn main() {
    let pool = bb8::Pool::builder()
        // expect: pool-size-too-large
        .max_size(0)
        .build(manager())
        .await
        .unwrap();
    let sync_pool = r2d2::Pool::builder()
        // expect: pool-size-too-large
        .max_size(1000)
        .build(sync_manager())
        .unwrap();
    drop((pool, sync_pool));
    let app = Router::new()
        .route("/cache", get(cache))
        .route("/cached", get(cached))
        .route("/shared", get(shared_pools))
        .route("/dead", get(dead))
        .route("/bb8", get(with_bb8))
        .route("/r2d2", get(with_r2d2));
    let listener = tokio::net::TcpListener::bind("0.0.0.0:3000").await.unwrap();
    axum::serve(listener, app).await.unwrap();
}
