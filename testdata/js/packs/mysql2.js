// mysql2: createPool per request.
const express = require('express');
const mysql = require('mysql2/promise');
const { createPool } = require('mysql2');
const app = express();

// expect: pool-size-too-large
const pool = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 1000 });

app.get('/orders', async (req, res) => {
  // expect: client-per-request
  const perRequest = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 10 });
  try {
    const [rows] = await perRequest.query('select * from orders');
    res.json(rows);
  } finally {
    await perRequest.end();
  }
});

app.get('/named', (req, res) => {
  // expect: client-per-request, client-never-closed
  const p = createPool({ uri: process.env.MYSQL_URL });
  p.query('select 1', (err, rows) => res.json(rows));
});

// Negative: the shared pool.
app.get('/shared', async (req, res) => {
  const [rows] = await pool.query('select 1');
  res.json(rows);
});

async function nightly() {
  const p = mysql.createPool({ uri: process.env.MYSQL_URL });
  await p.query('delete from sessions');
  // expect: close-not-in-finally
  await p.end();
}

module.exports = { nightly };

// `connectionLimit: 0` means no limit in mysql2.
// expect: pool-size-too-large
const unbounded = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 0 });
