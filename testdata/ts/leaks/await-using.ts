// Negative for the leak rules: `await using` / `using` close the client on every path
// (mongodb driver 6.9+, TypeScript 5.2+). In a handler it is still a client per request.
import express from 'express';
import { MongoClient } from 'mongodb';

export async function countUsers(uri: string): Promise<number> {
  await using client = new MongoClient(uri);
  return client.db().collection('users').countDocuments();
}

export async function usingWithEarlyClose(uri: string): Promise<void> {
  await using client = new MongoClient(uri);
  await client.db().collection('users').deleteMany({});
  await client.close();
}

export function syncUsing(uri: string): void {
  using client = new MongoClient(uri);
  client.db().collection('users').find();
}

const app = express();

app.get('/users', async (req, res) => {
  // expect: client-per-request
  await using client = new MongoClient(process.env.MONGO_URL!);
  res.json(await client.db().collection('users').find().toArray());
});
