import { Controller, Get, Post, Body } from '@nestjs/common';
import { MongoClient } from 'mongodb';

@Controller('users')
export class UsersController {
  @Get()
  async findAll() {
    // expect: client-per-request
    const client = new MongoClient(process.env.MONGO_URL!);
    try {
      return await client.db().collection('users').find().toArray();
    } finally {
      await client.close();
    }
  }

  @Post()
  async create(@Body() body: Record<string, unknown>) {
    // expect: client-per-request
    const client = await MongoClient.connect(process.env.MONGO_URL!);
    try {
      return await client.db().collection('users').insertOne(body);
    } finally {
      await client.close();
    }
  }
}
