// The api's cached helper: one client per process. Silent.
import { MongoClient } from 'mongodb';

let client: MongoClient | undefined;

export function getClient(): MongoClient {
  if (!client) {
    client = new MongoClient(process.env.MONGODB_URI as string);
  }
  return client;
}
