// Methods of a same-file controller instance registered as routes are handlers; its other
// methods are not.
import { Router, Request, Response } from 'express';
import { MongoClient } from 'mongodb';

class UsersController {
  async list(rq: Request, rs: Response) {
    // expect: client-per-request
    const client = new MongoClient(process.env.MONGO_URL!);
    try {
      rs.json(await client.db().collection('users').find().toArray());
    } finally {
      await client.close();
    }
  }

  async migrate() {
    const client = new MongoClient(process.env.MONGO_URL!);
    try {
      await client.db().collection('users').createIndex({ email: 1 });
    } finally {
      await client.close();
    }
  }
}

const users = new UsersController();
const router = Router();
router.get('/users', users.list.bind(users));

export default router;
