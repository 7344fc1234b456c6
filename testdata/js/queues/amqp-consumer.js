const amqp = require('amqplib');
const { MongoClient } = require('mongodb');

const shared = new MongoClient(process.env.MONGO_URL);

async function main() {
  const conn = await amqp.connect(process.env.AMQP_URL);
  const channel = await conn.createChannel();
  channel.consume('tasks', async (msg) => {
    // expect: client-per-request
    const client = new MongoClient(process.env.MONGO_URL);
    try {
      await client.db().collection('tasks').insertOne({ body: msg.content.toString() });
    } finally {
      await client.close();
    }
    await shared.db().collection('log').insertOne({ at: Date.now() });
    channel.ack(msg);
  });
}

main();
