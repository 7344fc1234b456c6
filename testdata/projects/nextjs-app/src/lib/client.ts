// The uncached factory: a new client (and pool) on every call.
import { MongoClient } from 'mongodb';

export function createClient(): MongoClient {
  // expect: client-per-request
  return new MongoClient(process.env.MONGODB_URI as string);
}
