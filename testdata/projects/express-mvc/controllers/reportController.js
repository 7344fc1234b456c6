// A controller that instantiates a client class defined in another file.
const ReportStore = require('../models/reportStore');

module.exports.summary = async (req, res) => {
  const store = new ReportStore();
  res.json(await store.summary());
};
