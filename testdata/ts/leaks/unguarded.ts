// Positive: typed code closing at the end of the work.
import { MongoClient } from 'mongodb';

export async function rename(uri: string, from: string, to: string): Promise<void> {
  const client = new MongoClient(uri) as MongoClient;
  await client.db().collection(from).rename(to);
  // expect: close-not-in-finally
  await client.close();
}

export async function withCatch(uri: string): Promise<void> {
  const client = new MongoClient(uri);
  try {
    await client.db().collection('x').drop();
    // expect: close-not-in-finally
    await client.close();
  } catch (e: unknown) {
    console.warn(e);
  }
}
