import { MongoClient } from 'mongodb';

export async function getServerSideProps() {
  // expect: client-per-request
  const client = await MongoClient.connect(process.env.MONGODB_URI);
  try {
    const users = await client.db().collection('users').find().toArray();
    return { props: { users: JSON.parse(JSON.stringify(users)) } };
  } finally {
    await client.close();
  }
}

export default function Users({ users }) {
  return <ul>{users.map((u) => <li key={u._id}>{u.name}</li>)}</ul>;
}
