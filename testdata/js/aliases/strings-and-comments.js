// Negative: the word MongoClient in strings and comments is not a construction.
const express = require('express');
const app = express();

app.get('/docs', (req, res) => {
  // Do not write `new MongoClient(uri)` here: reuse the shared client.
  /* MongoClient.connect(uri) would open a pool per request */
  res.send('Use one new MongoClient(uri) per process; MongoClient.connect(uri) too.');
  res.send(`new MongoClient(${'uri'})`);
});
