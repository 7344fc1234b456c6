import { MongoClient } from 'mongodb';

export async function load() {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    return { items: await client.db().collection('items').find().toArray() };
  } finally {
    await client.close();
  }
}

export const actions = {
  create: async ({ request }) => {
    // expect: client-per-request
    const client = new MongoClient(process.env.MONGO_URL);
    try {
      await client.db().collection('items').insertOne(Object.fromEntries(await request.formData()));
    } finally {
      await client.close();
    }
  },
};
