// Same module name as packages/api/src/lib/db.ts, but no handler of the api reaches it: the
// api's `@/lib/db` is its own. Called per request only if resolution leaked out of the package.
import { MongoClient } from 'mongodb';

export function getClient(): MongoClient {
  return new MongoClient(process.env.MONGODB_URI as string);
}
