// Negative: `new Worker` without bullmq is a web/worker thread, not a job queue.
const { Worker } = require('worker_threads');
const { MongoClient } = require('mongodb');

const client = new MongoClient(process.env.MONGO_URL);
new Worker('./task.js', { workerData: { uri: process.env.MONGO_URL } });

module.exports = client;
