import type { Transaction } from 'kysely';
import type { Platform } from '../platform/platform';
import type { DB, RegionsTable, UnitsTable, VisitsTable } from '../platform/db/schema';
import { newId } from '../platform/ids';
import { addDays, chinaToday } from '../modules/inspectors/people';
import { activityCounts, type Activities } from '../modules/tasks/tasks.figures';
import { schoolKinds } from '../modules/tasks/tasks.schemas';
import { judgeAnswer } from '../modules/checklists/checklists.service';
import type { ChecklistItem } from '../modules/checklists/checklists.schemas';
import { insertProblemRow, insertRecommendationRow } from '../modules/problems/problems.service';
import type { Severity } from '../modules/problems/problems.schemas';

/**
 * The city's evaluation of its counties' governments (对区县政府履行教育职责评价), shaped like the seed report:
 * one team per county over five weeks, on site at 81 schools and institutions and 11 townships besides the five
 * county governments, 25 symposiums, 360 and more people interviewed, 29 problems in the seven areas and 16
 * recommendations. Every figure is counted from these visit records, as for any task.
 *
 * The visits end a week before the demo starts (the team is writing its report), so nothing lies in the
 * future; a demo started in the first weeks of the year holds the previous year's evaluation instead.
 */
const counties = ['511902', '511903', '511921', '511922', '511923'];
const schoolQuota = [17, 16, 16, 16, 16];
const townshipQuota = [3, 2, 2, 2, 2];

/** The office's own checklist for the county government: one or two checks per area of the problem register. */
const checklist: ChecklistItem[] = [
  { key: 'lead-meetings', area: '党的领导与立德树人', text: '县委、县政府每年专题研究教育工作不少于2次，议定事项跟踪落实', type: 'yesno', photoRequired: false },
  { key: 'inv-growth', area: '教育投入与条件保障', text: '一般公共预算教育支出和按在校学生人数平均的一般公共预算教育支出逐年只增不减', type: 'yesno', photoRequired: false },
  { key: 'inv-surcharge', area: '教育投入与条件保障', text: '教育费附加、地方教育附加足额用于教育', type: 'yesno', photoRequired: false },
  { key: 'pre-enrolment', area: '学前教育普及普惠', text: '学前三年毛入园率', type: 'number', min: 0, max: 100, failBelow: 90, unit: '%', photoRequired: false },
  { key: 'pre-inclusive', area: '学前教育普及普惠', text: '普惠性幼儿园覆盖率', type: 'number', min: 0, max: 100, failBelow: 80, unit: '%', photoRequired: false },
  { key: 'comp-dropout', area: '义务教育均衡与控辍保学', text: '控辍保学动态清零，“一人一案”台账规范', type: 'yesno', photoRequired: false },
  { key: 'tea-pay', area: '教师队伍建设与待遇', text: '义务教育教师平均工资收入不低于当地公务员平均工资收入', type: 'yesno', photoRequired: false },
  { key: 'safe-system', area: '校园安全与食品卫生', text: '建立校园安全风险防控体系，“三防”建设达标', type: 'yesno', photoRequired: false },
  { key: 'con-training', area: '规范办学与校外培训治理', text: '校外培训机构审批、日常监管和专项治理落实到位', type: 'yesno', photoRequired: false },
  { key: 'notes', area: '其他', text: '其他需要说明的情况', type: 'text', photoRequired: false },
];
const passingNumbers: Record<string, number> = { 'pre-enrolment': 92.4, 'pre-inclusive': 83.5 };

/** Where a problem was found: at the county government, at a visited township, or at a school of a kind. */
type Place = 'government' | 'township' | 'school' | 'kindergarten' | 'special' | 'teaching_point' | 'training_institution';
interface Finding { area: string; county: number; at: Place; text: string; item?: string; value?: number; severity?: Severity }

const findings: Finding[] = [
  { area: 'leadership', county: 0, at: 'government', text: '县委教育工作领导小组议定事项跟踪督办不到位，部分事项未落实' },
  { area: 'leadership', county: 2, at: 'township', text: '乡镇未定期研究辖区教育工作，教育工作责任落实不到位' },
  { area: 'leadership', county: 4, at: 'school', text: '思政课专职教师配备不足，课程思政推进不力' },
  { area: 'investment', county: 1, at: 'government', item: 'inv-growth', text: '按在校学生人数平均的一般公共预算教育支出较上年下降', severity: 'high' },
  { area: 'investment', county: 3, at: 'government', item: 'inv-surcharge', text: '教育费附加、地方教育附加部分统筹用于其他支出', severity: 'high' },
  { area: 'investment', county: 2, at: 'government', text: '城乡义务教育生均公用经费拨付不及时，存在滞拨' },
  { area: 'investment', county: 0, at: 'teaching_point', text: '农村学校功能室设施设备老化，利用率低', severity: 'low' },
  { area: 'investment', county: 4, at: 'school', text: '寄宿制学校学生宿舍、食堂等生活设施不足' },
  { area: 'preschool', county: 2, at: 'government', item: 'pre-enrolment', value: 87.6, text: '学前三年毛入园率87.6%，未达目标' },
  { area: 'preschool', county: 4, at: 'government', item: 'pre-inclusive', value: 76.2, text: '普惠性幼儿园覆盖率76.2%，未达80%' },
  { area: 'preschool', county: 1, at: 'kindergarten', text: '乡镇中心幼儿园保教人员配备不足，教师持证率偏低' },
  { area: 'preschool', county: 3, at: 'kindergarten', text: '幼儿园存在“小学化”倾向，一日活动安排不规范', severity: 'low' },
  { area: 'compulsory', county: 0, at: 'township', text: '控辍保学“一人一案”台账更新不及时' },
  { area: 'compulsory', county: 1, at: 'school', text: '城区学校大班额问题仍未完全消除' },
  { area: 'compulsory', county: 2, at: 'special', text: '送教上门服务次数不足、记录不完整' },
  { area: 'compulsory', county: 3, at: 'teaching_point', text: '乡村小规模学校音体美教师短缺，未开齐开足课程' },
  { area: 'compulsory', county: 4, at: 'government', text: '义务教育学校标准化建设存在短板，部分学校生均校舍面积不达标' },
  { area: 'teachers', county: 3, at: 'government', item: 'tea-pay', text: '义务教育教师平均工资收入低于当地公务员平均工资收入水平', severity: 'high' },
  { area: 'teachers', county: 0, at: 'government', text: '中小学教职工编制核定后空编未及时补充，临聘教师比例偏高' },
  { area: 'teachers', county: 1, at: 'township', text: '乡村教师生活补助发放标准不统一' },
  { area: 'teachers', county: 2, at: 'government', text: '教师培训经费未按学校年度公用经费预算总额的5%足额安排' },
  { area: 'teachers', county: 4, at: 'school', text: '教师职称评聘结构比例不合理', severity: 'low' },
  { area: 'safety', county: 0, at: 'school', text: '校园周边交通安全设施不完善，上下学时段秩序较乱' },
  { area: 'safety', county: 1, at: 'school', text: '学校食堂陪餐、留样制度落实不到位' },
  { area: 'safety', county: 3, at: 'school', text: '校舍安全隐患排查整改台账不健全' },
  { area: 'safety', county: 2, at: 'school', text: '专职保安配备不足，门卫登记制度落实不严' },
  { area: 'conduct', county: 0, at: 'training_institution', text: '校外培训机构证照公示不全，部分教师无相应教师资格' },
  { area: 'conduct', county: 4, at: 'training_institution', text: '校外培训机构收费管理不规范，存在超期预收费' },
  { area: 'conduct', county: 3, at: 'school', text: '作业管理、课后服务落实“双减”要求不到位', severity: 'low' },
];

const recommendations: [county: number, area: string, content: string][] = [
  [0, 'leadership', '建立县委教育工作领导小组议定事项督办台账，定期通报落实情况'],
  [0, 'teachers', '建立中小学教职工编制动态调整机制，按期补充空编教师'],
  [0, 'safety', '完善校园周边交通安全设施，落实“护学岗”制度'],
  [0, 'conduct', '加强校外培训机构日常巡查，落实“双减”要求'],
  [1, 'investment', '落实“两个只增不减”要求，在预算安排中优先保障教育投入'],
  [1, 'preschool', '加大乡镇幼儿园保教人员补充力度，提高持证上岗比例'],
  [1, 'compulsory', '制定消除大班额工作计划，统筹推进城区学校扩容'],
  [2, 'investment', '及时足额拨付城乡义务教育生均公用经费'],
  [2, 'preschool', '加快公办幼儿园建设，提高学前三年毛入园率'],
  [2, 'teachers', '按规定足额安排教师培训经费'],
  [3, 'teachers', '建立义务教育教师工资收入随当地公务员工资收入动态调整机制'],
  [3, 'compulsory', '统筹配备乡村小规模学校音体美教师，推行“走教”“联校”'],
  [3, 'investment', '教育费附加、地方教育附加全额纳入预算，足额用于教育'],
  [4, 'preschool', '通过新建、转普惠等方式提高普惠性幼儿园覆盖率'],
  [4, 'compulsory', '加快义务教育学校标准化建设，补齐办学条件短板'],
  [4, 'leadership', '配齐配强思政课教师，推进思政课一体化建设'],
];

function placeOf(u: UnitsTable): Place {
  if (u.kind === 'kindergarten' || u.kind === 'training_institution') return u.kind;
  if (u.stage === 'special' || u.stage === 'teaching_point') return u.stage;
  return 'school';
}

/** The latest Friday on or before `date`. */
function fridayOnOrBefore(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday + 2) % 7));
}

export async function seedDemoEvaluation(trx: Transaction<DB>, platform: Platform, byCode: Map<string, RegionsTable>, units: UnitsTable[], now: Date): Promise<void> {
  const at = now.toISOString();
  const today = chinaToday(now);
  let year = Number(today.slice(0, 4));
  let lastDay = fridayOnOrBefore(addDays(today, -7));
  if (addDays(lastDay, -32) < `${year}-01-01`) {
    year -= 1;
    lastDay = fridayOnOrBefore(`${year}-11-30`);
  }
  const firstDay = addDays(lastDay, -32);
  const end = addDays(lastDay, 28);
  const city = byCode.get('511900')!;
  const office = await trx.selectFrom('accounts').select(['id', 'display_name']).where('username', '=', 'city').executeTakeFirstOrThrow();

  let plan = await trx.selectFrom('supervision_plans').select('id').where('region_id', '=', city.id).where('year', '=', year).executeTakeFirst();
  if (!plan) {
    plan = { id: newId() };
    await trx.insertInto('supervision_plans').values({
      id: plan.id, region_id: city.id, region_path: city.path, year, title: `${year}年巴中市教育督导工作计划`, description: null, created_by: office.id, created_at: at, updated_at: at,
    }).execute();
  }
  const templateId = newId();
  await trx.insertInto('checklist_templates').values({
    id: templateId, code: 'bz-duty-evaluation', version: 1, title: '对区县政府履行教育职责评价实地核查表', description: '听取汇报、核实数据时逐项核查区县政府履职情况。',
    items: JSON.stringify(checklist), region_id: city.id, region_path: city.path, superseded: 0, created_by: office.id, created_at: at,
  }).execute();
  const taskId = newId();
  await trx.insertInto('supervision_tasks').values({
    id: taskId, plan_id: plan.id, region_id: city.id, region_path: city.path, kind: 'duty_evaluation', title: `${year}年对区县政府履行教育职责评价`,
    basis: JSON.stringify([{ title: '巴中市对区县政府履行教育职责评价办法', docNo: null }, { title: '关于深化新时代教育督导体制机制改革的意见', docNo: null }]),
    description: '通过听取汇报、核实数据、座谈走访等形式，深入各区县政府及相关部门、乡镇（街道）、学校和校外培训机构实地督导。',
    start_date: addDays(firstDay, -14), end_date: end, rounds: 1, lead_account_id: office.id, checklist_template_id: null,
    status: end < today ? 'closed' : 'reporting', created_by: office.id, created_at: at, updated_at: at,
  }).execute();

  // Two city inspectors and one expert from outside the county on each team, picked by record.
  const inspectors = await trx.selectFrom('inspectors').select('id').where('level', '=', 'city').where('dismissed_on', 'is', null).orderBy('name').execute();
  const experts = await trx.selectFrom('experts').select(['id', 'region_path', 'employer_unit_id']).where('available', '=', 1).orderBy('name').execute();
  const unitPath = new Map(units.map((u) => [u.id, u.region_path]));

  const visits: VisitsTable[] = [];
  const answers: DB['visit_answers'][] = [];
  const visitPlaces: { visit: VisitsTable; county: number; place: Place }[] = [];
  const visit = (county: number, target: DB['task_targets'], date: string, activities: Activities, template: string | null, place: Place) => {
    const stamp = `${date}T10:00:00.000Z`;
    const row: VisitsTable = {
      id: newId(), task_id: taskId, target_id: target.id, team_id: target.team_id, unit_id: target.unit_id, target_region_id: target.target_region_id,
      region_path: target.region_path, round: 1, visit_date: date, status: 'submitted', checklist_template_id: template, activities: JSON.stringify(activities),
      ...activityCounts(activities), findings: null, recorded_by: office.id, submitted_at: stamp, created_at: stamp, updated_at: stamp,
    };
    visits.push(row);
    visitPlaces.push({ visit: row, county, place });
    return row;
  };

  const targets: DB['task_targets'][] = [];
  for (const [c, code] of counties.entries()) {
    const county = byCode.get(code)!;
    const teamId = newId();
    await trx.insertInto('task_teams').values({ id: teamId, task_id: taskId, region_path: city.path, name: `${county.name}评价组`, leader_account_id: office.id, created_at: at, updated_at: at }).execute();
    await trx.insertInto('task_team_members').values({ id: newId(), team_id: teamId, task_id: taskId, account_id: office.id, role: 'leader', created_at: at }).execute();
    // Neither registered nor employed in the county evaluated; a different one for each team where the pool allows.
    const outside = (e: (typeof experts)[number]) => !e.region_path.startsWith(county.path) && !unitPath.get(e.employer_unit_id ?? '')?.startsWith(county.path);
    const expert = experts.find((e, i) => i % counties.length === c && outside(e)) ?? experts.find(outside);
    await trx.insertInto('task_team_people').values([
      ...inspectors.slice(c * 2, c * 2 + 2).map((p) => ({ inspector_id: p.id, expert_id: null })),
      ...(expert ? [{ inspector_id: null, expert_id: expert.id }] : []),
    ].map((p) => ({ id: newId(), team_id: teamId, task_id: taskId, region_path: city.path, created_at: at, ...p }))).execute();

    const unitTarget = (u: UnitsTable) => {
      const row = { id: newId(), task_id: taskId, team_id: teamId, kind: 'unit', unit_id: u.id, target_region_id: u.region_id, region_path: u.region_path, created_at: at };
      targets.push(row);
      return row;
    };
    const monday = addDays(firstDay, c * 7);

    const government = units.find((u) => u.kind === 'government' && u.region_id === county.id)!;
    const failing = new Map(findings.filter((f) => f.county === c && f.item).map((f) => [f.item!, f]));
    const govVisit = visit(c, unitTarget(government), monday, {
      reportsHeard: 1, dataVerified: true, documentsChecked: ['区县政府履行教育职责自评报告', '教育经费统计年报', '教职工编制和工资发放台账', '控辍保学台账'],
      meetings: [
        { topic: '区县相关部门座谈会', participants: '教育、财政、人社、发改、编办等部门负责人', attendees: 12 + c },
        { topic: '校（园）长座谈会', participants: '中小学校长、幼儿园园长', attendees: 15 },
        { topic: '“两代表一委员”座谈会', participants: '人大代表、党代表、政协委员', attendees: 9 },
      ],
      interviews: { cadres: 4, deputies: 3 }, notes: null,
    }, templateId, 'government');
    for (const item of checklist) {
      const f = failing.get(item.key);
      const value = item.type === 'number' ? (f?.value ?? passingNumbers[item.key]) : item.type === 'text' ? '已形成分区县初步反馈意见' : f ? 'no' : 'yes';
      const judged = judgeAnswer(item, value);
      answers.push({ visit_id: govVisit.id, item_key: item.key, value: JSON.stringify(judged.value), failing: judged.failing ? 1 : 0, note: f?.text ?? null });
    }

    // Townships spread over the county; the schools visited are the county's own, those of the townships
    // visited, and village schools and teaching points further out, every stage in turn.
    const townships = [...byCode.values()].filter((r) => r.parent_id === county.id && r.level === 'township');
    const step = Math.floor(townships.length / townshipQuota[c]);
    const visitedTownships = Array.from({ length: townshipQuota[c] }, (_, i) => townships[i * step]);
    const countySchools = units.filter((u) => u.region_id === county.id && schoolKinds.includes(u.kind));
    const near = units.filter((u) => schoolKinds.includes(u.kind) && visitedTownships.some((t) => t.id === u.region_id));
    const farByStage = new Map<string, UnitsTable[]>();
    for (const u of units) {
      if (!schoolKinds.includes(u.kind) || !u.region_path.startsWith(county.path) || u.region_id === county.id || near.includes(u)) continue;
      farByStage.set(u.stage ?? u.kind, [...(farByStage.get(u.stage ?? u.kind) ?? []), u]);
    }
    const far: UnitsTable[] = [];
    for (let i = 0; far.length < schoolQuota[c]; i += 1) {
      const before = far.length;
      for (const list of farByStage.values()) if (list[i]) far.push(list[i]);
      if (far.length === before) break;
    }
    const schools = [...countySchools, ...near, ...far].slice(0, schoolQuota[c]);

    for (const [i, township] of visitedTownships.entries()) {
      const row = { id: newId(), task_id: taskId, team_id: teamId, kind: 'region', unit_id: null, target_region_id: township.id, region_path: township.path, created_at: at };
      targets.push(row);
      // The last township of the fifth county was a walk-through without a symposium: 25 in all.
      const meets = !(c === counties.length - 1 && i === visitedTownships.length - 1);
      visit(c, row, addDays(monday, 1 + (i % 4)), {
        reportsHeard: 1, dataVerified: true, documentsChecked: ['乡镇教育工作台账'],
        meetings: meets ? [{ topic: '乡镇干部和村（社区）干部座谈会', participants: '乡镇分管领导、村（社区）干部', attendees: 8 + i }] : [],
        interviews: { cadres: 3, parents: 1 }, notes: null,
      }, null, 'township');
    }
    for (const [k, school] of schools.entries()) {
      const institution = school.kind === 'training_institution';
      visit(c, unitTarget(school), addDays(monday, 1 + (k % 4)), {
        reportsHeard: institution ? 0 : 1, dataVerified: !institution,
        documentsChecked: institution ? ['办学许可证', '收费公示', '教师资格证'] : ['课程表', '安全工作台账', '学生资助台账'],
        meetings: [], interviews: institution ? { teachers: 1, parents: 1 } : { teachers: 2, students: 1 + (k % 2), parents: k % 4 === 0 ? 1 : 0 }, notes: null,
      }, null, placeOf(school));
    }
  }
  // Each problem is recorded at a visit to its kind of place, a place not used before while another is left.
  const placed = findings.map((f) => {
    const candidates = visitPlaces.filter((v) => v.county === f.county && v.place === f.at && !v.visit.findings);
    const { visit: v } = candidates[0] ?? visitPlaces.find((p) => p.county === f.county && p.place === f.at)!;
    v.findings = `${v.findings ? `${v.findings.slice(0, -1)}；` : '发现问题：'}${f.text}。`;
    return { f, v };
  });
  for (const v of visits) v.findings ??= '未发现突出问题。';
  for (let i = 0; i < targets.length; i += 100) await trx.insertInto('task_targets').values(targets.slice(i, i + 100)).execute();
  for (let i = 0; i < visits.length; i += 50) await trx.insertInto('visits').values(visits.slice(i, i + 50)).execute();
  await trx.insertInto('visit_answers').values(answers).execute();

  for (const { f, v } of placed) {
    const item = f.item ? checklist.find((i) => i.key === f.item)! : null;
    await insertProblemRow(trx, platform, {
      source: f.at === 'government' && !item ? 'evaluation' : 'visit', area: f.area, severity: f.severity ?? 'medium',
      region: { id: v.target_region_id!, path: v.region_path }, unitId: v.unit_id, taskId, visitId: v.id, itemKey: item?.key ?? null,
      templateCode: item ? 'bz-duty-evaluation' : null, description: item ? `${item.text}：${f.text}` : f.text,
      foundBy: office.display_name, foundByAccountId: office.id, foundOn: v.visit_date, deadline: addDays(lastDay, 90),
    });
  }

  for (const [county, area, content] of recommendations) {
    const v = visitPlaces.find((p) => p.county === county && p.place === 'government')!.visit;
    await insertRecommendationRow(trx, platform, {
      area, region_id: v.target_region_id!, region_path: v.region_path, unit_id: v.unit_id, task_id: taskId, visit_id: v.id, content,
      proposed_by: office.display_name, proposed_by_account_id: office.id, proposed_on: addDays(v.visit_date, 4),
    });
  }
}
