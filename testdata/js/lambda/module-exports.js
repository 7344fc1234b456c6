const { MongoClient } = require('mongodb');

async function handler(event) {
  // expect: client-per-request
  const client = await MongoClient.connect(process.env.MONGO_URL);
  try {
    return await client.db().collection('events').insertOne(event);
  } finally {
    await client.close();
  }
}

module.exports.handler = handler;
