// Negative: a component file without 'use server', a route convention or a handler shape.
import { MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGODB_URI!);

export default async function Page() {
  const users = await client.db().collection('users').find().toArray();
  return <ul>{users.map((u) => <li key={String(u._id)}>{String(u.name)}</li>)}</ul>;
}
