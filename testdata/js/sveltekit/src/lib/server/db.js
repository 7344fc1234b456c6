// Negative: a shared module in lib/ is not a route; its client is built once.
import { MongoClient } from 'mongodb';

export const client = new MongoClient(process.env.MONGO_URL);

export async function load() {
  return client.db();
}
