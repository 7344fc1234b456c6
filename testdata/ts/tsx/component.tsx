// Negative: a React component file; the client lives at module scope (server component).
import { MongoClient } from 'mongodb';
import React from 'react';

const client = new MongoClient(process.env.MONGO_URL!);

export function List({ items }: { items: string[] }) {
  return <ul>{items.map((i) => <li key={i}>{i}</li>)}</ul>;
}

export async function Users() {
  const users = await client.db().collection('users').find().toArray();
  return <List items={users.map((u) => String(u.name))} />;
}
