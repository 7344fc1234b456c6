// Controllers whose routes are registered in another file: request-shaped parameters.
const { MongoClient } = require('mongodb');

exports.list = async (req, res, next) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    res.json(await client.db().collection('items').find().toArray());
  } finally {
    await client.close();
  }
};

exports.count = async (collectionName) => {
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    return await client.db().collection(collectionName).countDocuments();
  } finally {
    await client.close();
  }
};
