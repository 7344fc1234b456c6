// Negative: getStaticProps runs at build time, not per request; not under pages/api either.
import { MongoClient } from 'mongodb';

export async function getStaticProps() {
  const client = await MongoClient.connect(process.env.MONGODB_URI);
  try {
    return { props: { n: await client.db().collection('users').countDocuments() } };
  } finally {
    await client.close();
  }
}

export default function Static({ n }) {
  return <p>{n}</p>;
}
