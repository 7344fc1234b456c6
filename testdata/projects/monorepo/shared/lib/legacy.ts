// Only the repository-level `@/*` maps here. The api package's own tsconfig has no such file
// (`@/lib/legacy` does not resolve there), and TypeScript does not fall back to a config
// above it: the api's import below must not land here.
import { MongoClient } from 'mongodb';

export function legacyClient(): MongoClient {
  return new MongoClient(process.env.MONGODB_URI as string);
}
