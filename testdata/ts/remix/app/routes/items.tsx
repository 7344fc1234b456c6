import { MongoClient } from 'mongodb';
import { json } from '@remix-run/node';

export async function loader() {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL!);
  try {
    return json(await client.db().collection('items').find().toArray());
  } finally {
    await client.close();
  }
}

export default function Items() {
  return <div />;
}
