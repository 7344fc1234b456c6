// A class field initialiser runs as part of the constructor: `new Repo()` in a handler builds
// a client per request.
const express = require('express');
const { MongoClient } = require('mongodb');

class Repo {
  // expect: client-per-request
  client = new MongoClient(process.env.MONGO_URL);

  users() {
    return this.client.db().collection('users').find().toArray();
  }
}

class Unused {
  client = new MongoClient(process.env.MONGO_URL);
}

const app = express();

app.get('/users', async (req, res) => {
  const repo = new Repo();
  res.json(await repo.users());
});

module.exports = { Unused };
app.listen(3000);
