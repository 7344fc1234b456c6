// Negative: the same import, used without closing it.
import clientPromise from '../../lib/mongodb';

export default async function handler(req, res) {
  const client = await clientPromise;
  res.json(await client.db('sample_mflix').collection('comments').find({}).limit(10).toArray());
}
