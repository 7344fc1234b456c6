// The orders service uses the memoised helper: one client per process.
const { getClient } = require('../lib/db');
const audit = require('./auditService');

exports.all = async () => {
  const client = await getClient();
  return client.db().collection('orders').find().toArray();
};

exports.one = async (id) => {
  const client = await getClient();
  return client.db().collection('orders').findOne({ _id: id });
};

exports.recount = async (n) => audit.record(n);
