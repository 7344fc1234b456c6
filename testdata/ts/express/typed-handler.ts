import express, { Request, Response } from 'express';
import { MongoClient } from 'mongodb';

const router = express.Router();

async function getUser(req: Request, res: Response): Promise<void> {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL as string);
  try {
    res.json(await client.db().collection('users').findOne({ id: req.params.id }));
  } finally {
    await client.close();
  }
}

router.get('/users/:id', getUser);

export default router;
