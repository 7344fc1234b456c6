// A factory that calls a factory and hands the result back: a factory too. The `.js`
// specifier names client.ts (TypeScript ESM style).
import { createClient } from './client.js';

export async function connectToDatabase() {
  const client = createClient();
  await client.connect();
  return client;
}
