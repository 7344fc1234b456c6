// Positive: built, used, dropped.
import { MongoClient } from 'mongodb';

export async function total(uri: string): Promise<number> {
  // expect: client-never-closed
  const client = new MongoClient(uri, { maxPoolSize: 5 });
  const n = await client.db().collection('orders').countDocuments();
  return n;
}

export async function handle(uri: string): Promise<unknown> {
  // expect: client-never-closed
  const client = (await MongoClient.connect(uri))!;
  return client.db().collection('orders').find().toArray();
}
