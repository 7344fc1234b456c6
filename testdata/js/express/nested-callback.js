// A callback nested in a handler runs once per request too.
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();

app.get('/report', (req, res) => {
  setTimeout(async () => {
    // expect: client-per-request
    const client = new MongoClient(process.env.MONGO_URL);
    try {
      await client.db().collection('reports').insertOne({ at: Date.now() });
    } finally {
      await client.close();
    }
  }, 0);
  res.end();
});
