// Negative: one client for the process, built at module scope and reused by every request.
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();
const client = new MongoClient(process.env.MONGO_URL);

app.get('/users', async (req, res) => {
  res.json(await client.db().collection('users').find().toArray());
});

app.listen(3000, async () => {
  await client.connect();
});
