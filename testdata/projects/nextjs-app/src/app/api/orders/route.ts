// App Router route with the uncached helper, through the `@/lib` barrel (an index file).
import { connectToDatabase } from '@/lib';

export async function GET() {
  const client = await connectToDatabase();
  try {
    return Response.json(await client.db().collection('orders').find().toArray());
  } finally {
    await client.close();
  }
}
