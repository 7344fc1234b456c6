// A client class exported by default: every `new Repository()` builds a client.
import { MongoClient } from 'mongodb';

export default class Repository {
  private client: MongoClient;

  constructor() {
    // expect: client-per-request
    this.client = new MongoClient(process.env.MONGODB_URI as string);
  }

  async count(): Promise<number> {
    return this.client.db().collection('reports').countDocuments();
  }
}
