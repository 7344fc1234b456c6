// Promise chains, typed.
import { MongoClient } from 'mongodb';

export function guaranteed(uri: string): Promise<unknown> {
  const client = new MongoClient(uri);
  return client.db().collection('x').find().toArray().finally(() => client.close());
}

export function thenOnly(uri: string): void {
  const client = new MongoClient(uri);
  void client
    .db()
    .collection('x')
    .insertOne({})
    // expect: close-not-in-finally
    .then(() => client.close());
}

export function thenWithRejection(uri: string): void {
  const client = new MongoClient(uri);
  void client
    .db()
    .collection('x')
    .insertOne({})
    .then(
      () => client.close(),
      () => client.close(),
    );
}
