// pg, mysql2, Sequelize and Knex in TypeScript.
import express, { Request, Response } from 'express';
import pg from 'pg';
import mysql from 'mysql2/promise';
import { Sequelize } from 'sequelize';
import knex from 'knex';

const app = express();
const pool = new pg.Pool({ max: 20 });
const db = knex({ client: 'pg', connection: process.env.DATABASE_URL });

app.get('/pg', async (req: Request, res: Response) => {
  // expect: client-per-request
  const p = new pg.Pool({ connectionString: process.env.DATABASE_URL });
  try {
    res.json((await p.query('select 1')).rows);
  } finally {
    await p.end();
  }
});

app.get('/mysql', async (req: Request, res: Response) => {
  // expect: client-per-request
  const p = mysql.createPool({
    uri: process.env.MYSQL_URL,
    // expect: pool-size-too-large
    connectionLimit: 0,
  });
  try {
    const [rows] = await p.query('select 1');
    res.json(rows);
  } finally {
    await p.end();
  }
});

app.get('/sequelize', async (req: Request, res: Response) => {
  // expect: client-per-request
  const s = new Sequelize(process.env.DATABASE_URL as string);
  try {
    res.json(await s.query('select 1'));
  } finally {
    await s.close();
  }
});

app.get('/knex', async (req: Request, res: Response) => {
  // expect: client-per-request
  const k = knex({ client: 'pg', connection: process.env.DATABASE_URL });
  try {
    res.json(await k('users').select());
  } finally {
    await k.destroy();
  }
});

// Negative: the module-scope pool and Knex instance.
app.get('/shared', async (req: Request, res: Response) => {
  res.json({ a: (await pool.query('select 1')).rows, b: await db('users').select() });
});

export async function vacuum(): Promise<void> {
  const p = new pg.Pool();
  await p.query('vacuum');
  // expect: close-not-in-finally
  await p.end();
}

export async function purge(): Promise<void> {
  const p = mysql.createPool({ uri: process.env.MYSQL_URL });
  await p.query('delete from sessions');
  // expect: close-not-in-finally
  await p.end();
}

export async function syncAll(): Promise<void> {
  const s = new Sequelize(process.env.DATABASE_URL as string);
  await s.sync();
  // expect: close-not-in-finally
  await s.close();
}

export async function migrate(): Promise<void> {
  const k = knex({ client: 'pg', connection: process.env.DATABASE_URL });
  await k.migrate.latest();
  // expect: close-not-in-finally
  await k.destroy();
}
