const express = require('express');
const { MongoClient } = require('mongodb');
const router = express.Router();

router.route('/orders').get(listOrders).post(createOrder);

async function listOrders(req, res) {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    res.json(await client.db().collection('orders').find().toArray());
  } finally {
    await client.close();
  }
}

const createOrder = async (request, response) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    await client.db().collection('orders').insertOne(request.body);
  } finally {
    await client.close();
  }
  response.end();
};

module.exports = router;
