import { Hono } from 'hono';
import { MongoClient } from 'mongodb';

const app = new Hono();
const shared = new MongoClient(process.env.MONGO_URL!);

app.get('/items', async (c) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL!);
  try {
    return c.json(await client.db().collection('items').find().toArray());
  } finally {
    await client.close();
  }
});

app.get('/shared', async (c) => c.json(await shared.db().collection('items').find().toArray()));

export default app;
