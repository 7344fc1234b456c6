// Handlers defined here, registered by name in server.ts.
import { getClient } from '@/lib/db';
import { openClient } from '@/lib/mongo';

export async function listUsers(req: any, res: any) {
  res.json(await getClient().db().collection('users').find().toArray());
}

export async function listAudit(req: any, res: any) {
  const client = await openClient();
  try {
    res.json(await client.db().collection('audit').find().toArray());
  } finally {
    await client.close();
  }
}
