// Negative: the client is built in the listen callback, once per process.
const http = require('http');
const { MongoClient } = require('mongodb');
let client;

const server = http.createServer(async (rq, rs) => {
  rs.end(JSON.stringify(await client.db().collection('a').findOne()));
});

server.listen(8080, () => {
  client = new MongoClient(process.env.MONGO_URL);
});

process.on('SIGTERM', async () => {
  await client.close();
});
