// Negative: stored on the instance, module state or global state: it outlives the function.
const { MongoClient } = require('mongodb');

let shared;
const registry = [];
const byTenant = new Map();

class Repo {
  constructor(uri) {
    this.client = new MongoClient(uri);
  }
}

function init(uri) {
  shared = new MongoClient(uri);
}

function initGlobal(uri) {
  globalThis.mongo = new MongoClient(uri);
}

function register(uri) {
  const client = new MongoClient(uri);
  registry.push(client);
}

function registerTenant(tenant, uri) {
  const client = new MongoClient(uri);
  byTenant.set(tenant, client);
}

function bundle(uri) {
  const client = new MongoClient(uri);
  return { client, db: client.db() };
}

module.exports = { Repo, init, initGlobal, register, registerTenant, bundle, shared };
