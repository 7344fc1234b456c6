// `exports.x = function ...`: the orders go through the cached helper.
const orders = require('../services/orderService');

exports.listOrders = async (req, res) => {
  res.json(await orders.all());
};

exports.getOrder = async function (req, res) {
  res.json(await orders.one(req.params.id));
};

exports.recount = async (req, res) => {
  res.json(await orders.recount(3));
};
