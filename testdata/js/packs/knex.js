// Knex: calling the module builds an instance with its own pool.
const express = require('express');
const knex = require('knex');
const app = express();

const db = knex({
  client: 'pg',
  connection: process.env.DATABASE_URL,
  // expect: pool-size-too-large
  pool: { min: 2, max: 250 },
});

app.get('/users', async (req, res) => {
  // expect: client-per-request
  const perRequest = knex({ client: 'pg', connection: process.env.DATABASE_URL });
  try {
    res.json(await perRequest('users').select());
  } finally {
    await perRequest.destroy();
  }
});

// Negative: the shared instance.
app.get('/shared', async (req, res) => {
  res.json(await db('users').select());
});

async function migrate() {
  const m = knex({ client: 'pg', connection: process.env.DATABASE_URL });
  await m.migrate.latest();
  // expect: close-not-in-finally
  await m.destroy();
}

module.exports = { migrate };
