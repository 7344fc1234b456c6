// Calling the client's own methods and passing their results on does not hand the client off:
// it is still never closed. A promise chain (`.connect()`, `.then`) still carries the client.
const { MongoClient } = require('mongodb');

async function countUsers(uri) {
  // expect: client-never-closed
  const client = new MongoClient(uri);
  console.log(await client.db('app').collection('users').countDocuments());
}

async function connected(uri) {
  // Returned through the promise chain: the caller owns it.
  return new MongoClient(uri).connect().then((c) => c);
}

module.exports = { countUsers, connected };
