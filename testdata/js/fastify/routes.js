const fastify = require('fastify')();
const { MongoClient } = require('mongodb');

fastify.get('/a', async (request, reply) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    return await client.db().collection('a').findOne();
  } finally {
    await client.close();
  }
});

fastify.route({
  method: 'POST',
  url: '/b',
  handler: async (rq, rp) => {
    // expect: client-per-request
    const client = new MongoClient(process.env.MONGO_URL);
    try {
      return await client.db().collection('b').insertOne(rq.body);
    } finally {
      await client.close();
    }
  },
});
