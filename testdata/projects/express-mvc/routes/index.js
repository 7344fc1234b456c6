// Index file: `require('./routes')` lands here. Handlers are registered by name; the
// controller functions are defined in other files.
const express = require('express');
const userController = require('../controllers/userController');
const { listOrders, getOrder, recount } = require('../controllers/orderController');
const reportController = require('../controllers/reportController');

const router = express.Router();

router.get('/users', userController.list);
router.get('/users/:id', userController.show);
router.get('/orders', listOrders);
router.get('/orders/:id', getOrder);
router.post('/orders/recount', recount);
router.get('/reports', reportController.summary);

module.exports = router;
