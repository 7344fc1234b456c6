// A client cached on `global` (the Next.js development pattern) is shared: closing the awaited
// cache in a handler closes it for everyone. Awaiting it without closing is fine.
const express = require('express');
const { MongoClient } = require('mongodb');

function connect() {
  if (!global._mongoClientPromise) {
    const client = new MongoClient(process.env.MONGO_URL);
    global._mongoClientPromise = client.connect();
  }
  return global._mongoClientPromise;
}

connect();
const app = express();

app.get('/users', async (req, res) => {
  const conn = await global._mongoClientPromise;
  res.json(await conn.db().collection('users').find().toArray());
  // expect: shared-client-closed
  await conn.close();
});

app.get('/orders', async (req, res) => {
  const client = await global._mongoClientPromise;
  res.json(await client.db().collection('orders').find().toArray());
});

app.listen(3000);
