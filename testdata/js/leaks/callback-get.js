// Negative: `cache.get(key, cb)` callback APIs (redis v3, node-cache) are not route
// registrations; a client built in such a callback is not per request.
const redis = require('redis');
const NodeCache = require('node-cache');
const { MongoClient } = require('mongodb');

const cache = redis.createClient();
const local = new NodeCache();

cache.get('config', async (err, value) => {
  const client = new MongoClient(value);
  try {
    await client.db().collection('boot').insertOne({ at: Date.now() });
  } finally {
    await client.close();
  }
});

local.get(configKey(), (err, value) => {
  const client = new MongoClient(value);
  try {
    client.db().collection('boot').insertOne({ at: Date.now() });
  } finally {
    client.close();
  }
});

function configKey() {
  return 'config';
}
