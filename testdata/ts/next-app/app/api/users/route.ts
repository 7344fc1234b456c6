import { MongoClient } from 'mongodb';
import { NextResponse } from 'next/server';

export async function GET() {
  // expect: client-per-request
  const client = new MongoClient(process.env.MONGODB_URI!);
  try {
    return NextResponse.json(await client.db().collection('users').find().toArray());
  } finally {
    await client.close();
  }
}

export const POST = async (request: Request) => {
  // expect: client-per-request
  const client = await MongoClient.connect(process.env.MONGODB_URI!);
  try {
    await client.db().collection('users').insertOne(await request.json());
    return new NextResponse(null, { status: 201 });
  } finally {
    await client.close();
  }
};
