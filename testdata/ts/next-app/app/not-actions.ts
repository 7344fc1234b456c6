// Negative: without 'use server' these exported functions are plain helpers.
import { MongoClient } from 'mongodb';

let client: MongoClient | null = null;

export function getClient(): MongoClient {
  if (client === null) {
    client = new MongoClient(process.env.MONGODB_URI!);
  }
  return client;
}
