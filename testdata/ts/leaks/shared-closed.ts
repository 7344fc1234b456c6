// Positive: a Hono route closes the module client; an alias of it is the same client.
import { Hono } from 'hono';
import { MongoClient } from 'mongodb';

const mongo = new MongoClient(process.env.MONGO_URL!);
const ready: Promise<MongoClient> = mongo.connect();
const app = new Hono();

app.get('/users', async (c) => {
  const users = await mongo.db().collection('users').find().toArray();
  // expect: shared-client-closed
  await mongo.close();
  return c.json(users);
});

app.get('/orders', async (c) => {
  const client = await ready;
  const orders = await client.db().collection('orders').find().toArray();
  // expect: shared-client-closed
  await client.close();
  return c.json(orders);
});

app.get('/own', async (c) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL!);
  try {
    return c.json(await client.db().collection('own').find().toArray());
  } finally {
    await client.close();
  }
});

export default app;
