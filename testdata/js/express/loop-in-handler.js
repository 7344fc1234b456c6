// Inside a handler, a loop construction is only client-per-request.
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();

app.get('/shards', async (req, res) => {
  for (const uri of req.query.uris) {
    // expect: client-per-request
    const client = new MongoClient(uri);
    try {
      await client.db().command({ ping: 1 });
    } finally {
      await client.close();
    }
  }
  res.end();
});
