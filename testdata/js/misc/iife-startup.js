// Negative: a module-scope IIFE and a `main` start-up function run once.
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();
let client;

(async () => {
  client = new MongoClient(process.env.MONGO_URL);
  await client.connect();
})();

async function main() {
  const db = new MongoClient(process.env.MONGO_URL);
  app.locals.db = db;
  app.get('/a', async (req, res) => res.json(await req.app.locals.db.db().collection('a').findOne()));
  app.listen(3000);
}

main();
