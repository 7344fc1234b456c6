const functions = require('firebase-functions');
const ff = require('@google-cloud/functions-framework');
const { MongoClient } = require('mongodb');

exports.api = functions.https.onRequest(async (req, res) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    res.json(await client.db().collection('a').findOne());
  } finally {
    await client.close();
  }
});

ff.http('hello', async (rq, rs) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    rs.send(await client.db().collection('a').countDocuments());
  } finally {
    await client.close();
  }
});
