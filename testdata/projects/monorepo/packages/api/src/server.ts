import express from 'express';
import { listAudit, listUsers } from './routes/users';
import { legacy } from './routes/legacy';

const app = express();
app.get('/users', listUsers);
app.get('/audit', listAudit);
app.get('/legacy', legacy);
app.listen(3000);
