// ioredis and node-redis: a client per request opens a new socket each time.
const express = require('express');
const Redis = require('ioredis');
const { createClient } = require('redis');
const app = express();

const shared = new Redis(process.env.REDIS_URL);

app.get('/a', async (req, res) => {
  // expect: client-per-request
  const redis = new Redis(process.env.REDIS_URL);
  try {
    res.json(await redis.get('a'));
  } finally {
    await redis.quit();
  }
});

app.get('/b', async (req, res) => {
  // expect: client-per-request, client-never-closed
  const client = createClient({ url: process.env.REDIS_URL });
  await client.connect();
  await client.incr('b');
  res.sendStatus(204);
});

// Negative: the shared client.
app.get('/c', async (req, res) => {
  res.json(await shared.get('c'));
});

let memo;
function getClient() {
  if (!memo) {
    memo = createClient({ url: process.env.REDIS_URL });
  }
  return memo;
}

app.get('/d', async (req, res) => {
  res.json(await getClient().get('d'));
});

async function flush() {
  const client = createClient();
  await client.connect();
  await client.flushAll();
  // expect: close-not-in-finally
  await client.quit();
}

module.exports = { flush };
