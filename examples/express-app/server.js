// A small Express app with the mistakes connlint exists to catch.
const express = require('express');
const { MongoClient } = require('mongodb');

const app = express();
const shared = new MongoClient(process.env.MONGODB_URI); // fine: once per process

app.get('/users', async (req, res) => {
  // A new pool on every request.
  const client = new MongoClient(process.env.MONGODB_URI);
  await client.connect();
  const users = await client.db('app').collection('users').find().toArray();
  await client.close(); // skipped when find() throws
  res.json(users);
});

app.get('/orders', async (req, res) => {
  const orders = await shared.db('app').collection('orders').find().toArray();
  res.json(orders);
});

async function loadReport(day) {
  const client = await MongoClient.connect(process.env.MONGODB_URI);
  return client.db('app').collection('reports').findOne({ day });
}

app.get('/reports/:day', async (req, res) => {
  res.json(await loadReport(req.params.day));
});

app.listen(3000);
