// A client class: its constructor builds a client, so every `new ReportStore()` opens a pool.
const { MongoClient } = require('mongodb');

class ReportStore {
  constructor() {
    // expect: client-per-request
    this.client = new MongoClient(process.env.MONGODB_URI);
  }

  async summary() {
    return this.client.db().collection('reports').countDocuments();
  }
}

module.exports = ReportStore;
