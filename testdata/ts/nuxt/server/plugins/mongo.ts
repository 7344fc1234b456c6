// Negative: a Nitro plugin runs once at start-up.
import { MongoClient } from 'mongodb';

let client: MongoClient | undefined;

export default defineNitroPlugin(async () => {
  client = new MongoClient(process.env.MONGO_URL!);
  await client.connect();
});
