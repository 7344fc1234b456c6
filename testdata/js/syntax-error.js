// A file with a syntax error still yields the findings of its valid parts.
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();

app.get('/users', async (req, res) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    res.json(await client.db().collection('users').find().toArray());
  } finally {
    await client.close();
  }
});

function broken( {
  return 1 +;
}
