// Negative: every hand-off form, typed.
import { MongoClient } from 'mongodb';
import { remember } from './registry';

const pool = new Map<string, MongoClient>();
let current: MongoClient | undefined;

export function create(uri: string): MongoClient {
  const client = new MongoClient(uri);
  return client;
}

export class Store {
  private client: MongoClient;
  constructor(uri: string) {
    this.client = new MongoClient(uri);
  }
}

export function keep(uri: string): void {
  const client = new MongoClient(uri);
  pool.set(uri, client);
}

export function setCurrent(uri: string): void {
  current = new MongoClient(uri);
}

export function hand(uri: string): void {
  const client = new MongoClient(uri);
  remember(client);
}

export function pair(uri: string): { client: MongoClient } {
  const client = new MongoClient(uri);
  return { client };
}

export function globalCache(uri: string): void {
  (globalThis as any).mongo = new MongoClient(uri);
}

export { current };
