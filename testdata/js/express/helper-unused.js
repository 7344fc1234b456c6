// Negative: a helper that builds a client but that no handler calls.
const { MongoClient } = require('mongodb');

async function migrate() {
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    await client.db().collection('users').createIndex({ email: 1 });
  } finally {
    await client.close();
  }
}

migrate();
