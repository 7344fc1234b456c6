// Negative: the close runs in a `finally` whose `try` covers the work.
const { MongoClient } = require('mongodb');

async function countUsers(uri) {
  const client = new MongoClient(uri);
  try {
    await client.connect();
    return await client.db().collection('users').countDocuments();
  } finally {
    await client.close();
  }
}

async function countOrders(uri) {
  const client = await MongoClient.connect(uri);
  try {
    return await client.db().collection('orders').countDocuments();
  } catch (err) {
    console.error(err);
    return 0;
  } finally {
    client.close();
  }
}

module.exports = { countUsers, countOrders };
