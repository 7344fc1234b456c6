// Negative: the API route uses the cached promise from the usual Next.js helper.
import { MongoClient } from 'mongodb';

let clientPromise;
if (!global._mongoClientPromise) {
  const client = new MongoClient(process.env.MONGODB_URI);
  global._mongoClientPromise = client.connect();
}
clientPromise = global._mongoClientPromise;

export default async function handler(req, res) {
  const client = await clientPromise;
  res.json(await client.db().collection('users').find().toArray());
}
