import { Worker } from 'bullmq';
import { MongoClient } from 'mongodb';

const shared = new MongoClient(process.env.MONGO_URL!);

new Worker('emails', async (job) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL!);
  try {
    await client.db().collection('emails').insertOne(job.data);
  } finally {
    await client.close();
  }
});

new Worker('audit', async (job) => {
  await shared.db().collection('audit').insertOne(job.data);
});
