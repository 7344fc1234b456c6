const http = require('http');
const { MongoClient } = require('mongodb');

http.createServer(async (rq, rs) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    rs.end(JSON.stringify(await client.db().collection('a').findOne()));
  } finally {
    await client.close();
  }
}).listen(8080);
