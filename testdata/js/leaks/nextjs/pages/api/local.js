// A module-level `const clientPromise = client.connect()` in the route file is shared too.
import { MongoClient } from 'mongodb';

const mongo = new MongoClient(process.env.MONGODB_URI);
const clientPromise = mongo.connect();

export default async function handler(req, res) {
  const db = (await clientPromise).db();
  const conn = await clientPromise;
  res.json(await db.collection('users').find().toArray());
  // expect: shared-client-closed
  await conn.close();
}
