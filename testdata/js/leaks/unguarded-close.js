// Positive: the close is the last statement of the work; the first exception skips it.
const { MongoClient } = require('mongodb');

async function archive(uri, id) {
  const client = new MongoClient(uri);
  await client.connect();
  await client.db().collection('jobs').updateOne({ id }, { $set: { archived: true } });
  // expect: close-not-in-finally
  await client.close();
}

async function purge(uri) {
  const client = await MongoClient.connect(uri);
  try {
    await client.db().collection('jobs').deleteMany({ done: true });
    // expect: close-not-in-finally
    await client.close();
  } catch (err) {
    console.error('purge failed', err);
  }
}

module.exports = { archive, purge };
