const { MongoClient } = require('mongodb');

exports.handler = async (event) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    return await client.db().collection('events').insertOne(event);
  } finally {
    await client.close();
  }
};
