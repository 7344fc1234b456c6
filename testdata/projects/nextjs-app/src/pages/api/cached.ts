// Pages Router API route with the cached helper: silent.
import type { NextApiRequest, NextApiResponse } from 'next';
import clientPromise from '@/lib/mongodb';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = await clientPromise;
  res.status(200).json(await client.db().collection('items').find().toArray());
}
