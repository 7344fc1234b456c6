// Negative: the client is handed to the caller, who owns closing it.
const { MongoClient } = require('mongodb');

function makeClient(uri) {
  const client = new MongoClient(uri);
  return client;
}

async function connected(uri) {
  const client = new MongoClient(uri);
  await client.connect();
  return client;
}

const arrow = (uri) => new MongoClient(uri);

function connectPromise(uri) {
  return new MongoClient(uri).connect();
}

function* clients(uris) {
  for (const uri of uris) {
    // expect: client-in-loop
    yield new MongoClient(uri);
  }
}

module.exports = { makeClient, connected, arrow, connectPromise, clients };
