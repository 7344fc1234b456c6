// Negative: a module client closed on shutdown; a NestJS-style teardown method is not a handler.
import express from 'express';
import { MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL!);
const app = express();

app.get('/ping', async (_req, res) => {
  res.json(await client.db().command({ ping: 1 }));
});

process.on('SIGTERM', async () => {
  await client.close();
});

export class Db {
  private readonly client = new MongoClient(process.env.MONGO_URL!);

  async onModuleDestroy(): Promise<void> {
    await this.client.close();
  }
}
