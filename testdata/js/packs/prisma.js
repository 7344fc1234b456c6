// Prisma: a PrismaClient per request opens a new query-engine pool every time.
const express = require('express');
const { PrismaClient } = require('@prisma/client');
const app = express();

const shared = new PrismaClient();

app.get('/users', async (req, res) => {
  // expect: client-per-request
  const prisma = new PrismaClient();
  try {
    res.json(await prisma.user.findMany());
  } finally {
    await prisma.$disconnect();
  }
});

// Negative: the module-scope client is shared by every request.
app.get('/posts', async (req, res) => {
  res.json(await shared.post.findMany());
});

// Negative: the Next.js idiom, cached on globalThis.
const globalForPrisma = globalThis;
function db() {
  if (!globalForPrisma.prisma) {
    globalForPrisma.prisma = new PrismaClient();
  }
  return globalForPrisma.prisma;
}

app.get('/cached', async (req, res) => {
  res.json(await db().user.count());
});

async function seed() {
  const prisma = new PrismaClient();
  await prisma.user.create({ data: { name: 'a' } });
  // expect: close-not-in-finally
  await prisma.$disconnect();
}

module.exports = { seed };
