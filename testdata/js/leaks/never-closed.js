// Positive: built in a function, used, never closed and never handed off.
const { MongoClient } = require('mongodb');

async function lookup(uri, id) {
  // expect: client-never-closed
  const client = new MongoClient(uri);
  const doc = await client.db().collection('users').findOne({ id });
  return doc;
}

async function lookupConnected(uri, id) {
  // expect: client-never-closed
  const client = await MongoClient.connect(uri);
  return client.db().collection('users').findOne({ id });
}

async function discarded(uri) {
  // expect: client-never-closed
  await new MongoClient(uri).connect();
}

module.exports = { lookup, lookupConnected, discarded };
