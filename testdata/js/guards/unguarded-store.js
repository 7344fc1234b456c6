// Storing into a module variable without a guard still rebuilds it on every request.
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();
let client;

app.get('/a', async (req, res) => {
  // expect: client-per-request
  client = new MongoClient(process.env.MONGO_URL);
  res.json(await client.db().collection('a').findOne());
});
