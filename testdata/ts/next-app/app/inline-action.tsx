import { MongoClient } from 'mongodb';

export default function Page() {
  async function save(data: FormData) {
    'use server';
    // expect: client-per-request
    const client = new MongoClient(process.env.MONGODB_URI!);
    try {
      await client.db().collection('notes').insertOne({ text: data.get('text') });
    } finally {
      await client.close();
    }
  }
  return (
    <form action={save}>
      <input name="text" />
    </form>
  );
}
