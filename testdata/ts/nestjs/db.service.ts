// Negative: a provider builds its client once, in its constructor; no handler creates it.
import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { MongoClient } from 'mongodb';

@Injectable()
export class DbService implements OnModuleDestroy {
  private readonly client: MongoClient;

  constructor() {
    this.client = new MongoClient(process.env.MONGO_URL!);
  }

  db() {
    return this.client.db();
  }

  async onModuleDestroy() {
    await this.client.close();
  }
}
