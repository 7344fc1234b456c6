// Sequelize: a Sequelize instance per request opens a pool per request.
const express = require('express');
const { Sequelize } = require('sequelize');
const app = express();

const sequelize = new Sequelize(process.env.DATABASE_URL, {
  // expect: pool-size-too-large
  pool: { max: 400, min: 0 },
});

app.get('/users', async (req, res) => {
  // expect: client-per-request
  const db = new Sequelize(process.env.DATABASE_URL, { pool: { max: 5 } });
  try {
    res.json(await db.query('select 1'));
  } finally {
    await db.close();
  }
});

// Negative: the shared instance.
app.get('/shared', async (req, res) => {
  res.json(await sequelize.query('select 1'));
});

async function sync() {
  const db = new Sequelize(process.env.DATABASE_URL);
  await db.sync();
  // expect: close-not-in-finally
  await db.close();
}

module.exports = { sync };
