// Positive: the route closes the shared client it imported.
import clientPromise from '../../../lib/mongodb';

export async function GET(): Promise<Response> {
  const client = await clientPromise;
  const movies = await client.db('sample_mflix').collection('movies').find({}).limit(10).toArray();
  // expect: shared-client-closed
  await client.close();
  return Response.json(movies);
}
