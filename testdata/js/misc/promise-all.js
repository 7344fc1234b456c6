// Negative: `Promise.all` is not an Express `app.all`, and `.map` callbacks are closures, not
// loops; this script runs once.
const { MongoClient } = require('mongodb');

async function pingAll(uris) {
  return Promise.all(
    uris.map(async (uri) => {
      const client = new MongoClient(uri);
      try {
        return await client.db().command({ ping: 1 });
      } finally {
        await client.close();
      }
    }),
  );
}

pingAll(process.argv.slice(2));
