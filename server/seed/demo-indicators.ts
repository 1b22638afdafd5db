import type { Transaction } from 'kysely';
import type { DB, RegionsTable } from '../platform/db/schema';
import { newId } from '../platform/ids';
import { insertFramework } from '../modules/indicators/indicators.repo';
import { ensureStarterFramework, starterNodes, starterRules } from '../modules/indicators/starter-framework';

/**
 * The built-in indicator framework, and the city office's own framework for the demo year: a published copy
 * of it, the version its evaluation of the counties' governments scores against.
 */
export async function seedDemoIndicators(trx: Transaction<DB>, byCode: Map<string, RegionsTable>, now: Date): Promise<void> {
  const at = now.toISOString();
  await ensureStarterFramework(trx, at);
  const city = byCode.get('511900')!;
  const office = await trx.selectFrom('accounts').select('id').where('username', '=', 'city').executeTakeFirstOrThrow();
  await insertFramework(trx, {
    id: newId(), family: newId(), version: 1, title: `巴中市对区县政府履行教育职责评价指标体系（${now.getUTCFullYear()}年）`,
    description: '以基础版指标体系为基础，结合本年度教育重点工作调整。', region_id: city.id, region_path: city.path, status: 'published',
    total_points: 10000, nodes: JSON.stringify(starterNodes), rules: JSON.stringify(starterRules), created_by: office.id, created_at: at, updated_at: at, published_at: at,
  });
}
