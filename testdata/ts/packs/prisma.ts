// Prisma in TypeScript: ESM imports, the globalThis singleton, a leak in a script.
import express, { Request, Response } from 'express';
import { PrismaClient } from '@prisma/client';

const app = express();
const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma: PrismaClient = globalForPrisma.prisma ?? new PrismaClient();

app.get('/users', async (req: Request, res: Response) => {
  // expect: client-per-request
  const perRequest = new PrismaClient();
  try {
    res.json(await perRequest.user.findMany());
  } finally {
    await perRequest.$disconnect();
  }
});

// Negative: the shared client.
app.get('/shared', async (req: Request, res: Response) => {
  res.json(await prisma.user.findMany());
});

export async function seed(): Promise<void> {
  const client = new PrismaClient();
  await client.user.deleteMany();
  // expect: close-not-in-finally
  await client.$disconnect();
}
