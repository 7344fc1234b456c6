// tonic: every method of a `#[tonic::async_trait]` service impl serves one RPC.
use mongodb::Client;
use tonic::{Request, Response, Status};

pub struct MyGreeter {
    client: Client,
}

#[tonic::async_trait]
impl Greeter for MyGreeter {
    async fn say_hello(&self, request: Request<HelloRequest>) -> Result<Response<HelloReply>, Status> {
        // expect: client-per-request
        let client = Client::with_uri_str("mongodb://localhost").await.unwrap();
        let _ = (client, request);
        Ok(Response::new(HelloReply::default()))
    }

    async fn say_goodbye(&self, _request: Request<HelloRequest>) -> Result<Response<HelloReply>, Status> {
        let _db = self.client.database("app");
        Ok(Response::new(HelloReply::default()))
    }
}

impl MyGreeter {
    // A constructor called once at startup: not an RPC.
    pub async fn new() -> Self {
        let client = Client::with_uri_str("mongodb://localhost").await.unwrap();
        MyGreeter { client }
    }
}

impl Default for HelloReply {
    fn default() -> Self {
        HelloReply {}
    }
}
