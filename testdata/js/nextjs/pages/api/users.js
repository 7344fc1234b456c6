import { MongoClient } from 'mongodb';

export default async function handler(req, res) {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGODB_URI);
  try {
    res.status(200).json(await client.db().collection('users').find().toArray());
  } finally {
    await client.close();
  }
}
