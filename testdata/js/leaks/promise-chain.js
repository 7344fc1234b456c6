// Promise chains: `.finally(() => client.close())` is guaranteed; a close in `.then` alone is
// skipped when the work rejects.
const { MongoClient } = require('mongodb');

function withFinally(uri) {
  const client = new MongoClient(uri);
  return client
    .db()
    .collection('logs')
    .insertOne({ at: Date.now() })
    .finally(() => client.close());
}

function withThen(uri) {
  const client = new MongoClient(uri);
  client
    .db()
    .collection('logs')
    .insertOne({ at: Date.now() })
    // expect: close-not-in-finally
    .then(() => client.close());
}

function withThenAndCatch(uri) {
  const client = new MongoClient(uri);
  client
    .db()
    .collection('logs')
    .insertOne({ at: Date.now() })
    .then(() => client.close())
    .catch((err) => {
      client.close();
      throw err;
    });
}

module.exports = { withFinally, withThen, withThenAndCatch };
