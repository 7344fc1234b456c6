// The text report of the leak rules in TypeScript (snapshot in tests/snapshots_js.rs).
import { MongoClient } from 'mongodb';

export async function rename(uri: string, from: string, to: string): Promise<void> {
  const client: MongoClient = new MongoClient(uri);
  await client.connect();
  await client.db().collection(from).rename(to);
  // expect: close-not-in-finally
  await client.close();
}

export async function renameSafely(uri: string, from: string, to: string): Promise<void> {
  await using client = new MongoClient(uri);
  await client.db().collection(from).rename(to);
}

export async function count(uri: string): Promise<number> {
  // expect: client-never-closed
  const client = new MongoClient(uri);
  return client.db().collection('users').countDocuments();
}
