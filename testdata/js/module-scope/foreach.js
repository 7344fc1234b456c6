// Negative: `.forEach` and `.map` callbacks are closures, not loops (client-in-loop is only
// reported for for/while/do bodies); outside handlers, nothing to report.
const { MongoClient } = require('mongodb');

const clients = process.env.URIS.split(',').map((uri) => new MongoClient(uri));

module.exports = clients;
