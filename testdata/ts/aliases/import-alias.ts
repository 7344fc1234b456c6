import express from 'express';
import { MongoClient as MC } from 'mongodb';
import * as mongo from 'mongodb';

const app = express();

app.get('/a', async (req, res) => {
  // expect: client-per-request
  const client = new MC(process.env.MONGO_URL!);
  try {
    res.json(await client.db().collection('a').findOne());
  } finally {
    await client.close();
  }
});

app.get('/b', async (req, res) => {
  // expect: client-per-request
  const client: mongo.MongoClient = await mongo.MongoClient.connect(process.env.MONGO_URL as string);
  try {
    res.json(await client.db().collection('b').findOne());
  } finally {
    await client.close();
  }
});
