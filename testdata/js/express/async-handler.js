const express = require('express');
const asyncHandler = require('express-async-handler');
const { MongoClient } = require('mongodb');
const app = express();

app.use('/api', asyncHandler(async (rq, rs) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    rs.json(await client.db().collection('x').findOne());
  } finally {
    await client.close();
  }
}));
