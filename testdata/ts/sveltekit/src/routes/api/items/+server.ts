import { MongoClient } from 'mongodb';
import { json } from '@sveltejs/kit';

export async function GET() {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL!);
  try {
    return json(await client.db().collection('items').find().toArray());
  } finally {
    await client.close();
  }
}
