// Negative: module scope runs once.
import { MongoClient } from 'mongodb';

export const client = new MongoClient(process.env.MONGO_URL);
export const ready = MongoClient.connect(process.env.MONGO_URL);
await client.connect();
