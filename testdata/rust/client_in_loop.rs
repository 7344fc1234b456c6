// Clients built inside loops outside handlers: one pool per iteration.
use mongodb::sync::Client;

pub fn check_all(uris: &[&str]) {
    for uri in uris {
        // expect: client-in-loop
        let client = Client::with_uri_str(uri).unwrap();
        let _ = client.list_database_names();
    }
}

pub fn retry(uri: &str) {
    let mut tries = 0;
    while tries < 3 {
        // expect: client-in-loop
        let _client = Client::with_uri_str(uri);
        tries += 1;
    }
    loop {
        // expect: client-in-loop
        if Client::with_uri_str(uri).is_ok() {
            break;
        }
    }
}

// The loop's iterable is evaluated once: not a loop construction.
pub fn once(uri: &str) {
    for _db in Client::with_uri_str(uri).unwrap().list_database_names().unwrap() {}
}

// Built once before the loop and reused: fine.
pub fn reuse(names: &[&str]) {
    let client = Client::with_uri_str("mongodb://localhost").unwrap();
    for name in names {
        let _ = client.database(name);
    }
}
