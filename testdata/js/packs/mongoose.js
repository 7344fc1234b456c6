// mongoose: connect() or createConnection() per request, unless a cached connection is checked.
const express = require('express');
const mongoose = require('mongoose');
const app = express();

app.get('/items', async (req, res) => {
  // expect: client-per-request
  const conn = mongoose.createConnection(process.env.MONGO_URL);
  try {
    res.json(await conn.model('Item').find());
  } finally {
    await conn.close();
  }
});

app.get('/connect', async (req, res) => {
  // expect: client-per-request, client-never-closed
  const conn = await mongoose.connect(process.env.MONGO_URL);
  await conn.model('Item').deleteMany({ stale: true });
  res.sendStatus(204);
});

// Negative: the serverless idiom, a connection cached across invocations.
let cached = global.mongoose;
if (!cached) {
  cached = global.mongoose = { conn: null, promise: null };
}

async function dbConnect() {
  if (cached.conn) {
    return cached.conn;
  }
  if (!cached.promise) {
    cached.promise = mongoose.connect(process.env.MONGO_URL);
  }
  cached.conn = await cached.promise;
  return cached.conn;
}

app.get('/cached', async (req, res) => {
  const conn = await dbConnect();
  res.json(await conn.model('Item').find());
});

async function migrate() {
  const conn = mongoose.createConnection(process.env.MONGO_URL, {
    // expect: pool-size-too-large
    maxPoolSize: 0,
  });
  await conn.model('Item').updateMany({}, { $set: { v: 2 } });
  // expect: close-not-in-finally
  await conn.close();
}

module.exports = { migrate };

// Negative: connect() behind a connected-already check.
async function connectDb() {
  if (mongoose.connection.readyState >= 1) {
    return;
  }
  await mongoose.connect(process.env.MONGO_URL);
}

app.get('/ready', async (req, res) => {
  await connectDb();
  if (mongoose.connection.readyState !== 1) await mongoose.connect(process.env.MONGO_URL);
  res.sendStatus(204);
});

// A check of something else guards nothing.
app.get('/other-check', async (req, res) => {
  if (req.query.fresh) {
    // expect: client-per-request, client-never-closed
    await mongoose.connect(process.env.MONGO_URL);
  }
  res.sendStatus(204);
});

// The module required inline is the same mongoose.
app.get('/inline', async (req, res) => {
  // expect: client-per-request, client-never-closed
  await require('mongoose').connect(process.env.MONGO_URL);
  res.sendStatus(204);
});

app.get('/inline-create', async (req, res) => {
  // expect: client-per-request
  const conn = require('mongoose').createConnection(process.env.MONGO_URL);
  try {
    res.json(await conn.model('Item').find());
  } finally {
    await conn.close();
  }
});

// Negative: an early return on the cached connection, in the handler itself.
app.get('/cached-early', async (req, res) => {
  if (cached.conn) return res.json(await cached.conn.model('Item').find());
  await mongoose.connect(process.env.MONGO_URL);
  res.sendStatus(204);
});

// Negative: the `isConnected` flag of the Next.js examples.
let isConnected = false;
app.get('/flag', async (req, res) => {
  if (isConnected) {
    return res.sendStatus(204);
  }
  await mongoose.connect(process.env.MONGO_URL);
  isConnected = true;
  res.sendStatus(204);
});

// Negative: a module-level connection cached through an inline require.
let shared = null;
app.get('/shared', async (req, res) => {
  if (shared) return res.json(await shared.model('Item').find());
  shared = await require('mongoose').connect(process.env.MONGO_URL);
  res.sendStatus(204);
});
