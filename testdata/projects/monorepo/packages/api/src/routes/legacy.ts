// `@/lib/legacy` names no file of this package: unresolved, so no finding in shared/.
import { legacyClient } from '@/lib/legacy';

export async function legacy(req: any, res: any) {
  res.json(await legacyClient().db().collection('legacy').find().toArray());
}
