// Imports decide: a `Pool`, `Redis` or `Sequelize`-less `Client` that the file does not import
// from a known library is nothing.
const express = require('express');
const { Pool } = require('generic-pool');
const app = express();

app.get('/a', async (req, res) => {
  const pool = new Pool({ max: 500 });
  const redis = new Redis();
  const conn = createPool({ connectionLimit: 900 });
  res.json([pool, redis, conn].length);
});
