// The api's uncached helper.
import { MongoClient } from 'mongodb';

export async function openClient(): Promise<MongoClient> {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGODB_URI as string);
  return client.connect();
}
