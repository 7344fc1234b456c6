import { MongoClient } from 'mongodb';

export default defineEventHandler(async (event) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL!);
  try {
    return await client.db().collection('items').find().toArray();
  } finally {
    await client.close();
  }
});
