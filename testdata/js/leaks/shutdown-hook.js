// Negative: a module-level client closed once, in a shutdown hook.
const express = require('express');
const { MongoClient } = require('mongodb');

const app = express();
const client = new MongoClient(process.env.MONGO_URL);

app.get('/users', async (req, res) => {
  res.json(await client.db().collection('users').find().toArray());
});

process.on('SIGINT', async () => {
  await client.close();
  process.exit(0);
});

process.once('SIGTERM', () => client.close());

app.listen(3000);
