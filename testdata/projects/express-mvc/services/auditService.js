// A cycle between modules: auditService requires orderService, which requires auditService.
// `record` and `recount` call each other; resolution and reachability must terminate.
const orderService = require('./orderService');
const db = require('../lib/db');

exports.record = async (n) => {
  if (n > 0) {
    return orderService.recount(n - 1);
  }
  return db.connect();
};
