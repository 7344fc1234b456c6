// node-postgres: a Pool per request.
const express = require('express');
const { Pool } = require('pg');
const app = express();

// expect: pool-size-too-large
const pool = new Pool({ max: 500 });

app.get('/users', async (req, res) => {
  // expect: client-per-request
  const perRequest = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
  try {
    res.json((await perRequest.query('select * from users')).rows);
  } finally {
    await perRequest.end();
  }
});

// Negative: the module-scope pool.
app.get('/shared', async (req, res) => {
  res.json((await pool.query('select 1')).rows);
});

// Negative: `max` in an object that is not a Pool's options.
const limits = { max: 5000 };

async function report() {
  const p = new Pool();
  const r = await p.query('select count(*) from users');
  // expect: close-not-in-finally
  await p.end();
  return r.rows.concat(limits);
}

module.exports = { report };

// `max: 0` is read as "unset": node-postgres falls back to its default of 10.
// expect: pool-size-too-large
const zero = new Pool({ max: 0 });
