// A handler that builds a client gets client-per-request; if it never closes it, also
// client-never-closed at the same line; closed in `finally`, only client-per-request.
const express = require('express');
const { MongoClient } = require('mongodb');

const app = express();

app.get('/leak', async (req, res) => {
  // expect: client-per-request, client-never-closed
  const client = new MongoClient(process.env.MONGO_URL);
  res.json(await client.db().collection('users').find().toArray());
});

app.get('/closed', async (req, res) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    res.json(await client.db().collection('users').find().toArray());
  } finally {
    await client.close();
  }
});

app.get('/unguarded', async (req, res) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  const users = await client.db().collection('users').find().toArray();
  // expect: close-not-in-finally
  await client.close();
  res.json(users);
});

app.listen(3000);
