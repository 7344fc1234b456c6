// Negative: the `if (cached.conn) return cached.conn` pattern.
const { MongoClient } = require('mongodb');

let cached = global.mongo;
if (!cached) {
  cached = global.mongo = { conn: null, promise: null };
}

async function connectToDatabase() {
  if (cached.conn) return cached.conn;
  if (!cached.promise) {
    cached.promise = MongoClient.connect(process.env.MONGO_URL).then((client) => ({
      client,
      db: client.db(),
    }));
  }
  cached.conn = await cached.promise;
  return cached.conn;
}

module.exports = async function handler(req, res) {
  const { db } = await connectToDatabase();
  res.json(await db.collection('movies').find().toArray());
};
