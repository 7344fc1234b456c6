// Two helpers: `connect` builds a new client (and pool) on every call; `getClient` builds one
// client per process and caches it.
const { MongoClient } = require('mongodb');

let cached = null;

async function connect() {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGODB_URI);
  await client.connect();
  return client;
}

async function getClient() {
  if (!cached) {
    cached = new MongoClient(process.env.MONGODB_URI);
    await cached.connect();
  }
  return cached;
}

module.exports = { connect, getClient };
