// The text report of the leak rules (snapshot in tests/snapshots_js.rs).
const express = require('express');
const { MongoClient } = require('mongodb');

const app = express();
const shared = new MongoClient(process.env.MONGO_URL);

async function nightly(uri) {
  const client = new MongoClient(uri);
  await client.db().collection('events').deleteMany({ old: true });
  // expect: close-not-in-finally
  await client.close();
}

async function lookup(uri, id) {
  // expect: client-never-closed
  const client = new MongoClient(uri);
  return client.db().collection('users').findOne({ id });
}

app.get('/users', async (req, res) => {
  res.json(await shared.db().collection('users').find().toArray());
  // expect: shared-client-closed
  await shared.close();
});

module.exports = { nightly, lookup };
