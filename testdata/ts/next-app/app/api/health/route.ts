// Negative: the route handler uses a client cached on globalThis.
import { MongoClient } from 'mongodb';

const g = globalThis as unknown as { mongo?: MongoClient };

function getClient(): MongoClient {
  if (!g.mongo) {
    g.mongo = new MongoClient(process.env.MONGODB_URI!);
  }
  return g.mongo;
}

export async function GET() {
  await getClient().db().command({ ping: 1 });
  return Response.json({ ok: true });
}
