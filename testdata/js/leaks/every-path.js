// A close in the `try` body and again in the `catch` runs on every path (a JS `catch` catches
// everything); a `catch` that swallows the error without closing does not.
const { MongoClient } = require('mongodb');

async function rethrowing(uri) {
  const client = new MongoClient(uri);
  try {
    await client.db().collection('a').insertOne({ at: Date.now() });
    await client.close();
  } catch (err) {
    await client.close();
    throw err;
  }
}

async function swallowing(uri) {
  const client = new MongoClient(uri);
  try {
    await client.db().collection('b').insertOne({ at: Date.now() });
    // expect: close-not-in-finally
    await client.close();
  } catch (err) {
    console.error(err);
  }
}

async function closesInCatchWithoutRethrow(uri) {
  const client = new MongoClient(uri);
  try {
    await client.db().collection('c').insertOne({ at: Date.now() });
    await client.close();
  } catch (err) {
    await client.close();
  }
}

module.exports = { rethrowing, swallowing, closesInCatchWithoutRethrow };
