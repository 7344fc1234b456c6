// Negative: the client is built once when the plugin registers, and decorated onto the app.
const fp = require('fastify-plugin');
const { MongoClient } = require('mongodb');

module.exports = fp(async function mongo(fastify) {
  const client = new MongoClient(process.env.MONGO_URL);
  await client.connect();
  fastify.decorate('mongo', client);
  fastify.addHook('onClose', async () => {
    await client.close();
  });
});
