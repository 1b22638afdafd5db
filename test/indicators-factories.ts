import type { IndicatorFrameworksTable, RegionsTable } from '../server/platform/db/schema';
import { newId } from '../server/platform/ids';
import { starterNodes, starterRules } from '../server/modules/indicators/starter-framework';
import type { TestWorld } from './databases';
import { sheetOf } from './xlsx';

/** A framework version of an office, as the service would have written it: the starting framework's indicators. */
export async function makeFramework(world: TestWorld, region: RegionsTable, opts: { status?: 'draft' | 'published'; title?: string } = {}): Promise<IndicatorFrameworksTable> {
  const now = world.clock.now().toISOString();
  const row: IndicatorFrameworksTable = {
    id: newId(), family: newId(), version: 1, title: opts.title ?? `测试指标体系${now}`, description: null, region_id: region.id, region_path: region.path,
    status: opts.status ?? 'draft', total_points: 10000, nodes: JSON.stringify(starterNodes), rules: JSON.stringify(starterRules),
    created_by: null, created_at: now, updated_at: now, published_at: opts.status === 'published' ? now : null,
  };
  await world.platform.database.db.insertInto('indicator_frameworks').values(row).execute();
  return row;
}

/** A framework sheet of two top-level indicators out of 100. */
export const frameworkSheet = () => sheetOf(['指标编码*', '上级编码', '指标名称*', '分值*', '评分方式'], [['A', null, '经费保障', '60', '手动评分'], ['B', null, '规范办学', '40', '是否']]);

/** A request body for a framework out of 100 in the region. */
export const frameworkBody = (regionId: string, title: string) => ({
  regionId, title, totalPoints: '100',
  nodes: [{ code: 'A', name: '经费保障', maxPoints: '60', scoring: 'manual' }, { code: 'B', name: '规范办学', maxPoints: '40', scoring: 'yesNo' }],
  rules: {
    grades: [{ grade: '优秀', minPoints: '90' }, { grade: '合格', minPoints: '60' }, { grade: '不合格', minPoints: '0' }],
    downgrades: [], caps: [], vetoes: [], credibility: null,
  },
});
