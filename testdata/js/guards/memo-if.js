// Negative: memoising guards build the client once.
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();
let client;
let other;
let third;

async function getClient() {
  if (!client) {
    client = new MongoClient(process.env.MONGO_URL);
    await client.connect();
  }
  return client;
}

function getOther() {
  other ??= new MongoClient(process.env.MONGO_URL);
  return other;
}

function getThird() {
  third = third || new MongoClient(process.env.MONGO_URL);
  return third;
}

app.get('/a', async (req, res) => {
  const c = await getClient();
  res.json(await c.db().collection('a').findOne());
  res.json(await getOther().db().collection('a').findOne());
  res.json(await getThird().db().collection('a').findOne());
});
