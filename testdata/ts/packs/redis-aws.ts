// ioredis, node-redis and the AWS SDK v3 in TypeScript.
import express, { Request, Response } from 'express';
import Redis from 'ioredis';
import { createClient } from 'redis';
import { S3Client, ListBucketsCommand } from '@aws-sdk/client-s3';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';

const app = express();
const redis = new Redis(process.env.REDIS_URL as string);
const s3 = new S3Client({});

app.get('/ioredis', async (req: Request, res: Response) => {
  // expect: client-per-request
  const r = new Redis(process.env.REDIS_URL as string);
  try {
    res.json(await r.get('k'));
  } finally {
    await r.quit();
  }
});

app.get('/node-redis', async (req: Request, res: Response) => {
  // expect: client-per-request
  const c = createClient();
  try {
    await c.connect();
    res.json(await c.get('k'));
  } finally {
    await c.quit();
  }
});

app.get('/s3', async (req: Request, res: Response) => {
  // expect: client-per-request
  const client = new S3Client({ region: 'eu-west-1' });
  try {
    res.json(await client.send(new ListBucketsCommand({})));
  } finally {
    client.destroy();
  }
});

// Negative: module-scope clients.
app.get('/shared', async (req: Request, res: Response) => {
  res.json({ v: await redis.get('k'), b: await s3.send(new ListBucketsCommand({})) });
});

export async function warm(): Promise<void> {
  const r = new Redis();
  await r.set('warm', '1');
  // expect: close-not-in-finally
  await r.quit();
}

export async function ping(): Promise<void> {
  const c = createClient();
  await c.connect();
  await c.ping();
  // expect: close-not-in-finally
  await c.quit();
}

export async function tables(): Promise<void> {
  const d = new DynamoDBClient({});
  await d.config.region();
  // expect: close-not-in-finally
  d.destroy();
}
