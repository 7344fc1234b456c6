// Passing the client to another call hands it off; calling its own methods does not.
const { MongoClient } = require('mongodb');
const { track } = require('./tracker');

function tracked(uri) {
  const client = new MongoClient(uri);
  track(client);
}

function ownMethodsOnly(uri) {
  // expect: client-never-closed
  const client = new MongoClient(uri);
  client.on('error', (err) => console.error(err));
  client.db().collection('x').find();
}

function wrapped(uri) {
  const client = new MongoClient(uri);
  return new Wrapper(client);
}

class Wrapper {
  constructor(client) {
    this.client = client;
  }
}

module.exports = { tracked, ownMethodsOnly, wrapped };
