// The default-exported client class, instantiated per request.
import Repository from '@/lib/Repository';

export async function GET() {
  const repo = new Repository();
  return Response.json({ count: await repo.count() });
}
