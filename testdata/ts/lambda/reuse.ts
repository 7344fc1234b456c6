// Negative: the client is built outside the handler and reused across invocations.
import { MongoClient } from 'mongodb';

const client = new MongoClient(process.env.MONGO_URL!);

export const handler = async (event: { id: string }) => {
  return client.db().collection('events').findOne({ id: event.id });
};
