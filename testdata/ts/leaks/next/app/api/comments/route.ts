// Negative: the shared client, used and left open.
import clientPromise from '../../../lib/mongodb';

export async function GET(): Promise<Response> {
  const client = await clientPromise;
  return Response.json(await client.db('sample_mflix').collection('comments').find({}).toArray());
}
