// Pages Router API route: the renamed re-export `connect`, through a relative, extension-less
// specifier of the barrel.
import type { NextApiRequest, NextApiResponse } from 'next';
import { connect } from '../../lib';

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const client = await connect();
  res.status(200).json(await client.db().collection('items').find().toArray());
}
