const Koa = require('koa');
const Router = require('@koa/router');
const { MongoClient } = require('mongodb');
const app = new Koa();
const router = new Router();

app.use(async (ctx, next) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    ctx.state.user = await client.db().collection('users').findOne();
  } finally {
    await client.close();
  }
  await next();
});

router.get('/items', async (c) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    c.body = await client.db().collection('items').find().toArray();
  } finally {
    await client.close();
  }
});
