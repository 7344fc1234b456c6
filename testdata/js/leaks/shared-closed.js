// Positive: a handler closes the module-level client that every request shares.
const express = require('express');
const { MongoClient } = require('mongodb');

const app = express();
const client = new MongoClient(process.env.MONGO_URL);

app.get('/users', async (req, res) => {
  const users = await client.db().collection('users').find().toArray();
  // expect: shared-client-closed
  await client.close();
  res.json(users);
});

async function loadOrders() {
  try {
    return await client.db().collection('orders').find().toArray();
  } finally {
    // expect: shared-client-closed
    await client.close();
  }
}

app.get('/orders', async (req, res) => {
  res.json(await loadOrders());
});

app.listen(3000);
