// A client per iteration outside any handler: client-in-loop.
const { MongoClient } = require('mongodb');

async function pingAll(uris) {
  const clients = [];
  for (const uri of uris) {
    // expect: client-in-loop
    const client = new MongoClient(uri);
    clients.push(client);
  }
  return clients;
}

let i = 0;
while (i < 3) {
  // expect: client-in-loop
  const c = new MongoClient(process.env.MONGO_URL);
  module.exports[i++] = c;
}

module.exports = { pingAll };
