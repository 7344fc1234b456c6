// Negative: typed code closing in `finally`.
import { MongoClient, Document } from 'mongodb';

export async function findOne(uri: string, id: string): Promise<Document | null> {
  const client: MongoClient = new MongoClient(uri);
  try {
    await client.connect();
    return await client.db().collection('users').findOne({ id });
  } finally {
    await client.close();
  }
}

export async function viaStatic(uri: string): Promise<void> {
  const client = await MongoClient.connect(uri);
  try {
    await client.db().collection('users').deleteMany({ stale: true });
  } finally {
    await client.close(true);
  }
}
