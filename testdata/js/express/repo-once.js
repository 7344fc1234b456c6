// Negative: the repository is built once at module scope.
const express = require('express');
const { MongoClient } = require('mongodb');
const app = express();

class UserRepo {
  constructor() {
    this.client = new MongoClient(process.env.MONGO_URL);
  }
  all() {
    return this.client.db().collection('users').find().toArray();
  }
}

const repo = new UserRepo();

app.get('/users', async (req, res) => {
  res.json(await repo.all());
});
