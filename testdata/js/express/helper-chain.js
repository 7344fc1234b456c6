// A handler calls a helper that calls another helper that builds the client.
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();

async function openDb() {
  // expect: client-per-request
  const client = await MongoClient.connect(process.env.MONGO_URL);
  return client;
}

async function findUsers() {
  const client = await openDb();
  try {
    return await client.db().collection('users').find().toArray();
  } finally {
    await client.close();
  }
}

app.get('/users', async (req, res) => {
  res.json(await findUsers());
});
