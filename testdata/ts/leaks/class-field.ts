// A typed class field initialiser runs on `new`: built in a handler, it is a client per
// request; a static field is built once.
import express from 'express';
import { MongoClient } from 'mongodb';

class UserRepo {
  // expect: client-per-request
  private readonly client: MongoClient = new MongoClient(process.env.MONGO_URL!);
  private readonly handler = async () => this.client.db().collection('users').find().toArray();

  list() {
    return this.handler();
  }
}

class Shared {
  static client = new MongoClient(process.env.MONGO_URL!);
}

const app = express();

app.get('/users', async (req, res) => {
  const repo = new UserRepo();
  res.json(await repo.list());
});

app.get('/shared', async (req, res) => {
  res.json(await Shared.client.db().collection('users').find().toArray());
});
