// `module.exports = { ... }` with shorthand properties.
const userService = require('../services/userService');

async function list(req, res) {
  res.json(await userService.findAll());
}

async function show(req, res) {
  res.json(await userService.findById(req.params.id));
}

module.exports = { list, show };
