import type { Transaction } from 'kysely';
import type { DB, RegionsTable, UnitsTable } from '../platform/db/schema';
import { newId } from '../platform/ids';
import { ensureStarterTemplates } from '../modules/checklists/starter-templates';

/**
 * Supervision work for the demo: the starting checklist templates; this year's plan of the city office with
 * a spring semester-opening check of 巴州区's schools and institutions, and a 挂牌督战 campaign of six teams
 * over four rounds (26 townships, 34 schools, as in the seed report); and the province's feedback problems.
 * The demo inspector leads a team in each task, with the demo expert as a member.
 */
export async function seedDemoSupervision(trx: Transaction<DB>, byCode: Map<string, RegionsTable>, units: UnitsTable[], now: Date): Promise<void> {
  const at = now.toISOString();
  const year = now.getUTCFullYear();
  const templates = await ensureStarterTemplates(trx, at);
  const account = async (username: string) => (await trx.selectFrom('accounts').select('id').where('username', '=', username).executeTakeFirstOrThrow()).id;
  const [inspector, expert, city, bazhouOffice] = await Promise.all(['inspector', 'expert', 'city', 'bazhou'].map(account));
  const cityRegion = byCode.get('511900')!;
  const bazhou = byCode.get('511902')!;

  const planId = newId();
  await trx.insertInto('supervision_plans').values({
    id: planId, region_id: cityRegion.id, region_path: cityRegion.path, year, title: `${year}年巴中市教育督导工作计划`,
    description: '常规工作持续督、专项工作重点督、重点工作盯住督、热难问题跟踪督。', created_by: city, created_at: at, updated_at: at,
  }).execute();

  const task = async (t: { kind: string; title: string; basis: { title: string; docNo: string | null }[]; start: string; end: string; rounds: number; template: string; status: string }) => {
    const id = newId();
    await trx.insertInto('supervision_tasks').values({
      id, plan_id: planId, region_id: cityRegion.id, region_path: cityRegion.path, kind: t.kind, title: t.title, basis: JSON.stringify(t.basis), description: null,
      start_date: t.start, end_date: t.end, rounds: t.rounds, lead_account_id: city, checklist_template_id: templates.get(t.template) ?? null, status: t.status,
      created_by: city, created_at: at, updated_at: at,
    }).execute();
    return id;
  };
  const team = async (taskId: string, name: string, leader: string, members: string[]) => {
    const id = newId();
    await trx.insertInto('task_teams').values({ id, task_id: taskId, region_path: cityRegion.path, name, leader_account_id: leader, created_at: at, updated_at: at }).execute();
    await trx.insertInto('task_team_members').values([leader, ...members].map((accountId, i) => ({ id: newId(), team_id: id, task_id: taskId, account_id: accountId, role: i === 0 ? 'leader' : 'member', created_at: at }))).execute();
    return id;
  };
  const targets = async (taskId: string, rows: { teamId: string; unit?: UnitsTable; township?: RegionsTable }[]) => {
    const values = rows.map((r) => r.unit
      ? { id: newId(), task_id: taskId, team_id: r.teamId, kind: 'unit', unit_id: r.unit.id, target_region_id: r.unit.region_id, region_path: r.unit.region_path, created_at: at }
      : { id: newId(), task_id: taskId, team_id: r.teamId, kind: 'region', unit_id: null, target_region_id: r.township!.id, region_path: r.township!.path, created_at: at });
    for (let i = 0; i < values.length; i += 100) await trx.insertInto('task_targets').values(values.slice(i, i + 100)).execute();
  };

  const spring = await task({
    kind: 'routine', title: `${year}年春季开学工作督导检查`, start: `${year}-02-15`, end: `${year}-12-31`, rounds: 1, template: 'semester-opening', status: 'under_way',
    basis: [{ title: '新冠肺炎疫情防控期间中小学教育教学组织与管理等有关工作指南的通知', docNo: null }, { title: '关于进一步加强校园安全工作的紧急通知', docNo: null }],
  });
  const springOne = await team(spring, '开学检查第一组', inspector, [expert]);
  const springTwo = await team(spring, '开学检查第二组', bazhouOffice, []);
  const bazhouUnits = units.filter((u) => u.region_path.startsWith(bazhou.path) && ['school', 'kindergarten', 'training_institution'].includes(u.kind)).slice(0, 8);
  await targets(spring, bazhouUnits.map((unit, i) => ({ unit, teamId: i % 2 === 0 ? springOne : springTwo })));

  const campaign = await task({
    kind: 'campaign', title: '脱贫攻坚控辍保学挂牌督战', start: `${year}-01-01`, end: `${year}-12-31`, rounds: 4, template: 'semester-opening', status: 'under_way',
    basis: [{ title: '关于开展脱贫攻坚“义务教育有保障”挂牌督战工作的通知', docNo: null }],
  });
  const teamIds: string[] = [];
  for (const [i, name] of ['第一督战组', '第二督战组', '第三督战组', '第四督战组', '第五督战组', '第六督战组'].entries()) {
    teamIds.push(await team(campaign, name, i === 0 ? inspector : city, i === 0 ? [expert] : []));
  }
  const townships = [...byCode.values()].filter((r) => r.level === 'township' && r.path.startsWith(cityRegion.path)).slice(0, 26);
  const schools = units.filter((u) => u.kind === 'school' && u.stage !== 'special' && townships.some((t) => u.region_id === t.id)).slice(0, 34);
  await targets(campaign, [
    ...townships.map((township, i) => ({ township, teamId: teamIds[i % 6] })),
    ...schools.map((unit, i) => ({ unit, teamId: teamIds[i % 6] })),
  ]);

  await task({
    kind: 'special', title: `${year}年学校食堂专项治理督导`, start: `${year}-09-01`, end: `${year}-12-31`, rounds: 1, template: 'canteen', status: 'planned',
    basis: [{ title: '关于开展学校食堂专项治理工作的通知', docNo: null }],
  });

  const province: [string, string, string][] = [
    ['teachers', '511902', '部分区县义务教育教师平均工资收入未达到当地公务员平均工资收入水平'],
    ['preschool', '511921', '城镇小区配套幼儿园治理进度滞后，部分配套园未移交'],
    ['investment', '511922', '教育附加费未足额用于教育'],
    ['safety', '511923', '部分学校食堂陪餐制度落实不到位'],
    ['compulsory', '511903', '控辍保学动态监测机制不健全'],
    ['conduct', '511902', '校外培训机构监管存在薄弱环节'],
    ['leadership', '511900', '教育督导委员会成员单位履职协同不够'],
  ];
  await trx.insertInto('problems').values(province.map(([area, code, description], i) => {
    const region = byCode.get(code) ?? cityRegion;
    return {
      id: newId(), source: 'higher_feedback', area, severity: i < 2 ? 'high' : 'medium', status: 'open', region_id: region.id, region_path: region.path,
      unit_id: null, task_id: null, visit_id: null, item_key: null, description, found_by: '省政府教育督导委员会办公室督导组', found_by_account_id: null,
      found_on: `${year}-01-15`, deadline: `${year}-06-30`, recurrence_key: `text:${area}:${description}`, recurring_of_id: null, created_at: at, updated_at: at,
    };
  })).execute();
}
