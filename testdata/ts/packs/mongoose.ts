// mongoose in TypeScript: default import, guarded connect.
import express, { Request, Response } from 'express';
import mongoose from 'mongoose';

const app = express();
let conn: typeof mongoose | null = null;

async function connect(): Promise<typeof mongoose> {
  if (!conn) {
    conn = await mongoose.connect(process.env.MONGO_URL as string, { maxPoolSize: 20 });
  }
  return conn;
}

app.get('/cached', async (req: Request, res: Response) => {
  const m = await connect();
  res.json(m.connection.readyState);
});

app.get('/items', async (req: Request, res: Response) => {
  // expect: client-per-request
  const c = mongoose.createConnection(process.env.MONGO_URL as string);
  try {
    res.json(await c.model('Item').find());
  } finally {
    await c.close();
  }
});

export async function cleanup(): Promise<void> {
  const c = mongoose.createConnection(process.env.MONGO_URL as string);
  await c.model('Item').deleteMany({});
  // expect: close-not-in-finally
  await c.close();
}
