import type { Platform } from '../platform/platform';
import type { RegionsTable, UnitsTable } from '../platform/db/schema';
import type { Role } from '../platform/permissions';
import { hashPassword } from '../platform/auth/passwords';
import { newId } from '../platform/ids';
import divisions from './bazhong-regions.json';
import { seedDemoPeople } from './demo-people';
import { seedDemoSupervision } from './demo-supervision';
import { seedDemoEvaluation } from './demo-evaluation';
import { seedDemoStatistics } from './demo-balance';
import { seedDemoIndicators } from './demo-indicators';
import { seedDemoNotices } from './demo-notices';
import { seedDemoComplaints } from './demo-complaints';

export const DEMO_PASSWORD = 'Dudao@2026';

/** Demo accounts, one per role, printed at start. */
export const demoAccounts: { username: string; displayName: string; role: Role; regionCode?: string; unit?: 'first-school' }[] = [
  { username: 'admin', displayName: '系统管理员', role: 'sysadmin' },
  { username: 'security', displayName: '安全管理员', role: 'secadmin' },
  { username: 'auditor', displayName: '安全审计员', role: 'auditor' },
  { username: 'city', displayName: '市督导办 王老师', role: 'office_staff', regionCode: '511900' },
  { username: 'bazhou', displayName: '巴州区督导办 李老师', role: 'office_staff', regionCode: '511902' },
  { username: 'tongjiang', displayName: '通江县督导办 张老师', role: 'office_staff', regionCode: '511921' },
  { username: 'inspector', displayName: '督学 陈老师', role: 'inspector', regionCode: '511902' },
  { username: 'expert', displayName: '专家 刘老师', role: 'expert', regionCode: '511900' },
  { username: 'school', displayName: '学校 联络员', role: 'unit_user', unit: 'first-school' },
  { username: 'leader', displayName: '分管领导', role: 'leader', regionCode: '511900' },
];

const ZONE = { code: 'Z511900-01', name: '巴中经济开发区', level: 'zone', parentCode: '511900' };

/** A small deterministic generator, so every demo database has the same synthetic schools. */
function generator(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const schoolPatterns: { stage: string; category: string; suffix: string; kind: 'school' | 'kindergarten'; base: number }[] = [
  { stage: 'primary', category: '21', suffix: '中心小学', kind: 'school', base: 600 },
  { stage: 'junior', category: '31', suffix: '初级中学', kind: 'school', base: 800 },
  { stage: 'nine_year', category: '31', suffix: '九年一贯制学校', kind: 'school', base: 900 },
  { stage: 'preschool', category: '11', suffix: '中心幼儿园', kind: 'kindergarten', base: 180 },
  { stage: 'teaching_point', category: '21', suffix: '村小（教学点）', kind: 'school', base: 40 },
];

export interface SeedProgress {
  (step: string, done: number, total: number): void;
}

/** Fill an empty database with the real divisions of 巴中市 and clearly synthetic units and accounts. */
export async function seedDemo(platform: Platform, progress: SeedProgress = () => {}): Promise<{ seeded: boolean }> {
  const { database, clock, audit } = platform;
  const db = database.db;
  const existing = await db.selectFrom('regions').select('id').limit(1).executeTakeFirst();
  if (existing) return { seeded: false };
  const now = clock.now().toISOString();
  const rand = generator(5119);
  const passwordHash = await hashPassword(DEMO_PASSWORD);

  await db.transaction().execute(async (trx) => {
    const byCode = new Map<string, RegionsTable>();
    const all = [...divisions.regions, ZONE];
    for (const [i, d] of all.entries()) {
      const parent = d.parentCode ? byCode.get(d.parentCode) : undefined;
      const id = newId();
      const row: RegionsTable = {
        id, code: d.code, name: d.name, level: d.level, parent_id: parent?.id ?? null,
        path: `${parent?.path ?? '/'}${id}/`, depth: (parent?.depth ?? -1) + 1, active: 1, created_at: now, updated_at: now,
      };
      byCode.set(d.code, row);
      if (i % 50 === 0) progress('regions', i, all.length);
    }
    const regionRows = [...byCode.values()];
    for (let i = 0; i < regionRows.length; i += 100) await trx.insertInto('regions').values(regionRows.slice(i, i + 100)).execute();
    progress('regions', all.length, all.length);

    const units: UnitsTable[] = [];
    const unit = (name: string, kind: string, region: RegionsTable, extra: Partial<UnitsTable> = {}) => {
      const row: UnitsTable = {
        id: newId(), name, kind, region_id: region.id, region_path: region.path, school_code: null, stage: null, ownership: null,
        enrolment: null, staff_count: null, address: null, contact_phone: null, synthetic: 1, active: 1, created_at: now, updated_at: now, ...extra,
      };
      units.push(row);
      return row;
    };
    const city = byCode.get('511900')!;
    unit('巴中市人民政府', 'government', city, { synthetic: 0 });
    unit('巴中市教育局', 'education_bureau', city, { synthetic: 0 });
    unit('巴中市人民政府教育督导委员会办公室', 'supervision_office', city, { synthetic: 0 });
    for (const member of ['中共巴中市委组织部', '中共巴中市委宣传部', '巴中市发展和改革委员会', '巴中市财政局', '巴中市人力资源和社会保障局']) {
      unit(member, 'member_unit', city, { synthetic: 0 });
    }
    let serial = 1;
    const schoolCode = (category: string) => `${category}51${String(900000 + serial++).padStart(6, '0')}`;
    for (const county of regionRows.filter((r) => r.level === 'county')) {
      unit(`${county.name}人民政府`, 'government', county, { synthetic: 0 });
      unit(`${county.name}教育局`, 'education_bureau', county, { synthetic: 0 });
      unit(`${county.name}人民政府教育督导室`, 'supervision_office', county, { synthetic: 0 });
      unit(`${county.name}第一中学（演示）`, 'school', county, { stage: 'complete_secondary', ownership: 'public', school_code: schoolCode('34'), enrolment: 2800 + Math.round(rand() * 1500), staff_count: 220 + Math.round(rand() * 60) });
      unit(`${county.name}特殊教育学校（演示）`, 'school', county, { stage: 'special', ownership: 'public', school_code: schoolCode('51'), enrolment: 120 + Math.round(rand() * 80), staff_count: 30 + Math.round(rand() * 10) });
      for (let k = 1; k <= 2; k += 1) {
        unit(`${county.name}示例艺术培训学校${k}（演示）`, 'training_institution', county, { ownership: 'private', enrolment: Math.round(rand() * 300), staff_count: 5 + Math.round(rand() * 15) });
      }
    }
    const townships = regionRows.filter((r) => r.level === 'township');
    for (const [i, town] of townships.entries()) {
      const short = town.name.replace(/(街道|镇|乡)$/, '');
      const count = 2 + Math.floor(rand() * 2);
      for (let k = 0; k < count; k += 1) {
        const p = schoolPatterns[(i + k) % schoolPatterns.length];
        const enrolment = Math.round(p.base * (0.4 + rand()));
        unit(`${short}${p.suffix}（演示）`, p.kind, town, {
          stage: p.stage, ownership: rand() < 0.08 ? 'private' : 'public', school_code: schoolCode(p.category),
          enrolment, staff_count: Math.max(3, Math.round(enrolment / (14 + rand() * 6))),
          contact_phone: `0827-${String(5000000 + Math.floor(rand() * 999999))}`,
        });
      }
      if (i % 20 === 0) progress('units', i, townships.length);
    }
    const zone = byCode.get(ZONE.code)!;
    unit('巴中经济开发区管理委员会', 'government', zone, { synthetic: 0 });
    unit('巴中经济开发区实验小学（演示）', 'school', zone, { stage: 'primary', ownership: 'public', school_code: schoolCode('21'), enrolment: 1500, staff_count: 80 });
    for (let i = 0; i < units.length; i += 200) await trx.insertInto('units').values(units.slice(i, i + 200)).execute();
    progress('units', townships.length, townships.length);

    const firstSchool = units.find((u) => u.kind === 'school' && u.region_path.startsWith(byCode.get('511902')!.path) && u.stage === 'primary')!;
    for (const a of demoAccounts) {
      await trx.insertInto('accounts').values({
        id: newId(), username: a.username, display_name: a.displayName, password_hash: passwordHash, role: a.role,
        scope_region_id: a.regionCode ? byCode.get(a.regionCode)!.id : null, scope_unit_id: a.unit ? firstSchool.id : null,
        phone: null, locale: 'zh-CN', must_change_password: 0, password_changed_at: now, failed_attempts: 0, locked_until: null,
        last_sign_in_at: null, active: 1, created_at: now, updated_at: now,
      }).execute();
    }
    progress('accounts', demoAccounts.length, demoAccounts.length);
    await seedDemoPeople(trx, byCode, units, clock.now(), rand);
    await seedDemoSupervision(trx, byCode, units, clock.now());
    await seedDemoEvaluation(trx, platform, byCode, units, clock.now());
    await seedDemoIndicators(trx, byCode, clock.now());
    await seedDemoNotices(trx, platform, byCode, units, clock.now());
    await seedDemoComplaints(trx, platform, byCode, units, clock.now());
    // last, as it draws on the generator that the synthetic records above were made from
    const statistics = await seedDemoStatistics(trx, byCode, units, clock.now(), rand);
    await audit.record(trx, null, { action: 'system.seed_demo', actorName: 'system', detail: { regions: regionRows.length, units: units.length, accounts: demoAccounts.length, statistics } });
  });
  return { seeded: true };
}
