// The service calls the uncached factory of lib/db on every request.
const db = require('../lib/db');

async function findAll() {
  const client = await db.connect();
  return client.db().collection('users').find().toArray();
}

async function findById(id) {
  const client = await db.connect();
  return client.db().collection('users').findOne({ _id: id });
}

module.exports = { findAll, findById };
