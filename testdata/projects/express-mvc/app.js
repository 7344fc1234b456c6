// An Express MVC app: app -> routes -> controllers -> services -> lib/db.
const express = require('express');
const routes = require('./routes');

const app = express();
app.use(express.json());
app.use('/api', routes);
app.listen(3000);
