const express = require('express');
const { MongoClient: MC } = require('mongodb');
const app = express();

app.get('/a', async (req, res) => {
  // expect: client-per-request
  const client = new MC(process.env.MONGO_URL);
  try {
    res.json(await client.db().collection('a').findOne());
  } finally {
    await client.close();
  }
});
