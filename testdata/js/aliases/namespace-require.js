const express = require('express');
const mongodb = require('mongodb');
const app = express();

app.get('/a', async (req, res) => {
  // expect: client-per-request
  const client = new mongodb.MongoClient(process.env.MONGO_URL);
  try {
    res.json(await client.db().collection('a').findOne());
  } finally {
    await client.close();
  }
});

app.get('/b', async (req, res) => {
  // expect: client-per-request
  const client = await mongodb.MongoClient.connect(process.env.MONGO_URL);
  try {
    res.json(await client.db().collection('b').findOne());
  } finally {
    await client.close();
  }
});

app.get('/c', async (req, res) => {
  // expect: client-per-request
  const client = await require('mongodb').MongoClient.connect(process.env.MONGO_URL);
  try {
    res.json(await client.db().collection('c').findOne());
  } finally {
    await client.close();
  }
});
