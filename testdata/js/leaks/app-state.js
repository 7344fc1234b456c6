// Negative: stored on Express application state, built once at start-up.
const express = require('express');
const { MongoClient } = require('mongodb');

const app = express();

async function start(uri) {
  const client = new MongoClient(uri);
  await client.connect();
  app.locals.mongo = client;
  app.set('mongo', client);
  app.listen(3000);
}

function attach(req, uri) {
  req.app.locals.db = new MongoClient(uri);
}

app.get('/users', async (req, res) => {
  res.json(await req.app.locals.mongo.db().collection('users').find().toArray());
});

start(process.env.MONGO_URL);
module.exports = { attach };
