'use server';

import { MongoClient } from 'mongodb';

export async function saveUser(data: FormData) {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGODB_URI!);
  try {
    await client.db().collection('users').insertOne({ name: data.get('name') });
  } finally {
    await client.close();
  }
}
