// A class that builds its client in its constructor: per request when a handler news it up,
// once when it is instantiated at module scope.
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();

class UserRepo {
  constructor() {
    // expect: client-per-request
    this.client = new MongoClient(process.env.MONGO_URL);
  }
  all() {
    return this.client.db().collection('users').find().toArray();
  }
}

app.get('/users', async (req, res) => {
  const repo = new UserRepo();
  res.json(await repo.all());
});
