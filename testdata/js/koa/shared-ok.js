// Negative: one client at start-up, kept on the app context.
const Koa = require('koa');
const { MongoClient } = require('mongodb');
const app = new Koa();

app.context.db = new MongoClient(process.env.MONGO_URL).db();

app.use(async (ctx) => {
  ctx.body = await ctx.db.collection('items').find().toArray();
});
