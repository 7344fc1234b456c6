// An unimported `MongoClient` counts: code often gets it from a global or another file,
// unless this file binds the name to something else (see other-mongoclient.js).
app.get('/a', async (req, res) => {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGO_URL);
  try {
    res.json(await client.db().collection('a').findOne());
  } finally {
    await client.close();
  }
});
