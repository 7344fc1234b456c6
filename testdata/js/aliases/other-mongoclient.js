// Negative: this file's MongoClient is its own class, not the driver.
class MongoClient {
  constructor(url) {
    this.url = url;
  }
  async close() {}
}

app.get('/a', async (req, res) => {
  const client = new MongoClient('http://example.test');
  res.json({ url: client.url });
});
