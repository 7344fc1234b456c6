const { Server } = require('socket.io');
const { MongoClient } = require('mongodb');
const io = new Server(3000);

io.on('connection', (socket) => {
  socket.on('message', async (msg) => {
    // expect: client-per-request
    const client = new MongoClient(process.env.MONGO_URL);
    try {
      await client.db().collection('messages').insertOne({ msg });
    } finally {
      await client.close();
    }
  });
});
