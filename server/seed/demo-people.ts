import type { Transaction } from 'kysely';
import type { DB, InspectorsTable, RegionsTable, UnitsTable } from '../platform/db/schema';
import { newId } from '../platform/ids';
import { addDays, addYears, chinaToday } from '../modules/inspectors/people';

/**
 * Synthetic people for the demo: the fourth term of city inspectors (2020, as in the seed report) now in a
 * later term, county inspectors responsible for 巴州区's schools, an expert pool, a fee-rate table and the
 * city committee's member units. Every name is marked （演示）.
 */
export async function seedDemoPeople(trx: Transaction<DB>, byCode: Map<string, RegionsTable>, units: UnitsTable[], now: Date, rand: () => number): Promise<void> {
  const at = now.toISOString();
  const today = chinaToday(now);
  const city = byCode.get('511900')!;
  const bazhou = byCode.get('511902')!;
  const surnames = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
  const given = ['建国', '晓燕', '志强', '丽华', '文军', '秀英', '海涛', '春梅', '国庆', '红霞', '永刚', '静怡', '德明', '玉兰', '立新'];
  const name = (i: number) => `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}（演示）`;
  const schools = units.filter((u) => u.kind === 'school' || u.kind === 'kindergarten');
  const specialties = ['学校管理', '课程教学', '学前教育', '校园安全', '教育财务', '特殊教育', '德育'];

  // The term in force today, counted in three-year steps from the fourth term of June 2020.
  let currentStart = '2020-06-01';
  let currentNumber = 4;
  while (addYears(currentStart, 3) <= today) {
    currentStart = addYears(currentStart, 3);
    currentNumber += 1;
  }

  const inspectors: InspectorsTable[] = [];
  const terms: DB['inspector_terms'][] = [];
  const person = (i: number, region: RegionsTable, level: string, extra: Partial<InspectorsTable> = {}) => {
    const employer = schools[(i * 13) % schools.length];
    const row: InspectorsTable = {
      id: newId(), name: name(i), gender: i % 2 ? 'female' : 'male', id_number: null, phone: `139${String(81900000 + i * 7919).slice(0, 8)}`, account_id: null, level,
      employment: i % 5 === 0 ? 'full_time' : 'part_time', employer: employer.name, title: i % 3 ? '副校长、高级教师' : '校长、正高级教师',
      specialties: JSON.stringify([specialties[i % specialties.length], specialties[(i + 3) % specialties.length]]), qualifications: null,
      region_id: region.id, region_path: region.path, recommended_level: null, recommended_on: null, dismissed_on: null, dismissal_reason: null,
      synthetic: 1, created_at: at, updated_at: at, ...extra,
    };
    inspectors.push(row);
    return row;
  };
  const term = (p: InspectorsTable, number: number, authority: string, start: string, certificate: string | null) => {
    terms.push({ id: newId(), inspector_id: p.id, region_path: p.region_path, term_number: number, authority, start_date: start, end_date: addDays(addYears(start, 3), -1), certificate_no: certificate, created_at: at, updated_at: at });
  };

  for (let i = 0; i < 12; i += 1) {
    const p = person(i, city, 'city', i < 5 ? { recommended_level: 'provincial', recommended_on: '2020-09-15' } : {});
    term(p, 4, '巴中市人民政府', '2020-06-01', `BZDX-2020-${String(i + 1).padStart(3, '0')}`);
    if (currentNumber > 4 && i !== 11) term(p, currentNumber, '巴中市人民政府', currentStart, `BZDX-${currentStart.slice(0, 4)}-${String(i + 1).padStart(3, '0')}`);
  }
  // County inspectors of 巴州区: one ends within the next two months, so the renewal reminder shows something.
  const county: InspectorsTable[] = [];
  for (let i = 0; i < 4; i += 1) {
    const p = person(20 + i, bazhou, 'county');
    county.push(p);
    const start = i === 0 ? addDays(addYears(addDays(today, 45), -3), 1) : currentStart;
    term(p, i === 0 ? 2 : 3, '巴中市巴州区人民政府', start, null);
  }
  const demoInspector = await trx.selectFrom('accounts').select('id').where('username', '=', 'inspector').executeTakeFirst();
  if (demoInspector) county[1].account_id = demoInspector.id;

  await trx.insertInto('inspectors').values(inspectors).execute();
  await trx.insertInto('inspector_terms').values(terms).execute();

  const year = Number(today.slice(0, 4));
  const assessments = inspectors.slice(0, 12).flatMap((p, i) => [2020, 2021, 2022].map((y) => ({
    id: newId(), inspector_id: p.id, region_path: p.region_path, year: y, grade: (i + y) % 7 === 0 ? 'excellent' : (i + y) % 11 === 0 ? 'basically_qualified' : 'qualified', remarks: null, created_at: at,
  })));
  await trx.insertInto('inspector_assessments').values(assessments).execute();
  await trx.insertInto('inspector_rewards').values({ id: newId(), inspector_id: inspectors[0].id, region_path: city.path, kind: 'reward', date: '2021-01-20', title: '2020年度优秀督学（演示）', issuer: '巴中市人民政府教育督导委员会', remarks: null, created_at: at }).execute();
  const trainings = inspectors.flatMap((p, i) => [
    { topic: '省督导专家业务培训', hours: 24, date: `${year}-03-18` },
    { topic: '责任督学挂牌督导实务', hours: i % 3 === 0 ? 8 : 16, date: `${year}-09-12` },
  ].filter((t) => t.date <= today).map((t) => ({ id: newId(), inspector_id: p.id, region_path: p.region_path, organizer: '巴中市教育督导委员会办公室', created_at: at, ...t })));
  if (trainings.length) await trx.insertInto('inspector_trainings').values(trainings).execute();

  // About five schools each for the serving county inspectors; a few of 巴州区's schools stay without one.
  const bazhouSchools = schools.filter((u) => u.region_path.startsWith(bazhou.path));
  const assignments = county.slice(1).flatMap((p, k) => bazhouSchools.slice(k * 5, k * 5 + 5).map((u) => ({
    id: newId(), unit_id: u.id, inspector_id: p.id, region_path: u.region_path, start_date: currentStart, end_date: null, created_at: at,
  })));
  if (assignments.length) await trx.insertInto('responsible_assignments').values(assignments).execute();
  const visits = assignments.filter((_, i) => i % 3 !== 0).map((a, i) => ({
    id: newId(), unit_id: a.unit_id, inspector_id: a.inspector_id, region_path: a.region_path, date: `${today.slice(0, 8)}01`,
    items: JSON.stringify(i % 2 ? ['safety', 'canteen_hygiene'] : ['curriculum', 'student_load']), methods: JSON.stringify(['campus_patrol', 'document_review']),
    findings: i % 4 === 0 ? '食堂留样记录不完整，已当场反馈（演示）' : null, feedback_given: 1, recorded_by: null, created_at: at,
  }));
  if (visits.length) await trx.insertInto('responsible_visits').values(visits).execute();

  const countyCodes = ['511902', '511903', '511921', '511922', '511923', '511900'];
  const experts = Array.from({ length: 18 }, (_, i) => {
    const region = byCode.get(countyCodes[i % countyCodes.length])!;
    const employer = schools.find((u) => u.region_path.startsWith(region.path) && rand() < 0.5) ?? null;
    return {
      id: newId(), name: name(40 + i), id_number: null, phone: `137${String(82700000 + i * 6007).slice(0, 8)}`, account_id: null,
      specialties: JSON.stringify([['督导评估', '学前教育', '义务教育', '教育财务', '校园安全', '特殊教育'][i % 6], ...(i % 4 === 0 ? ['学校管理'] : [])]),
      employer_unit_id: employer?.id ?? null, employer_name: employer?.name ?? '四川文理学院（演示）', title: i % 2 ? '高级教师' : '教授',
      region_id: region.id, region_path: region.path, available: i % 9 === 8 ? 0 : 1, remarks: null, synthetic: 1, created_at: at, updated_at: at,
    };
  });
  await trx.insertInto('experts').values(experts).execute();

  // Synthetic amounts in fen for 《教育督导评估专家评审费管理实施办法》: half day / day × leader / member × local / travelling.
  const rates = [['half_day', 'leader', 'local', 40_000], ['half_day', 'member', 'local', 30_000], ['half_day', 'leader', 'travelling', 50_000], ['half_day', 'member', 'travelling', 40_000],
    ['day', 'leader', 'local', 80_000], ['day', 'member', 'local', 60_000], ['day', 'leader', 'travelling', 100_000], ['day', 'member', 'travelling', 80_000]] as const;
  await trx.insertInto('fee_rates').values(rates.map(([period, role, locality, amount]) => ({
    id: newId(), region_id: city.id, region_path: city.path, effective_from: '2020-01-01', period, role, locality, amount_fen: amount, created_at: at,
  }))).execute();

  const joined: Record<string, string> = { 中共巴中市委组织部: '2020-04-15', 中共巴中市委宣传部: '2020-04-15' };
  const members = units.filter((u) => u.kind === 'member_unit' && u.region_id === city.id);
  await trx.insertInto('committee_members').values(members.map((u) => ({
    id: newId(), region_id: city.id, region_path: city.path, unit_id: u.id, role: 'member', representative: null, representative_title: null,
    representative_phone: null, joined_on: joined[u.name] ?? '2018-06-01', left_on: null, remarks: joined[u.name] ? '2020年新增成员单位' : null, created_at: at, updated_at: at,
  }))).execute();

}

