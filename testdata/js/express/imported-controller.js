// Negative here: handlers registered by name from another module (`controller.list`, an
// imported function) are resolved across files; this file builds no client itself.
const express = require('express');
const controller = require('./controller-module');
const { count } = require('./not-in-this-tree');
const router = express.Router();

router.get('/items', controller.list);
router.get('/count', count);

module.exports = router;
