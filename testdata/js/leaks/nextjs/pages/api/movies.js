// Positive: the tutorial's API route closes the shared client it imported.
import clientPromise from '../../lib/mongodb';

export default async function handler(req, res) {
  const client = await clientPromise;
  const movies = await client.db('sample_mflix').collection('movies').find({}).limit(10).toArray();
  // expect: shared-client-closed
  await client.close();
  res.json(movies);
}
