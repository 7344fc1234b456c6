// Negative: the Next.js `global._mongoClientPromise` pattern, inside a helper.
const { MongoClient } = require('mongodb');

function clientPromise() {
  if (!global._mongoClientPromise) {
    const client = new MongoClient(process.env.MONGO_URL);
    global._mongoClientPromise = client.connect();
  }
  return global._mongoClientPromise;
}

exports.handler = async (event) => {
  const client = await clientPromise();
  return client.db().collection('events').insertOne(event);
};
