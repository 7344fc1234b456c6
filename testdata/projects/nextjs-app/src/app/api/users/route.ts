// App Router route with the cached helper: silent.
import clientPromise from '@/lib/mongodb';

export async function GET() {
  const client = await clientPromise;
  const users = await client.db().collection('users').find().toArray();
  return Response.json(users);
}
