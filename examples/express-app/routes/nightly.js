// A batch script: one client per tenant, in a loop.
const { MongoClient } = require('mongodb');

async function purge(tenants) {
  for (const tenant of tenants) {
    const client = new MongoClient(process.env.MONGODB_URI);
    await client.db(tenant).collection('events').deleteMany({ old: true });
    await client.close();
  }
}

module.exports = { purge };
