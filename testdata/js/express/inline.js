const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();
const uri = process.env.MONGO_URL;

app.get('/users', async (req, res) => {
  // expect: client-per-request
  const client = new MongoClient(uri);
  try {
    res.json(await client.db().collection('users').find().toArray());
  } finally {
    await client.close();
  }
});

app.post('/users', async function create(req, res) {
  // expect: client-per-request
  const client = await MongoClient.connect(uri);
  try {
    await client.db().collection('users').insertOne(req.body);
  } finally {
    await client.close();
  }
  res.sendStatus(201);
});
