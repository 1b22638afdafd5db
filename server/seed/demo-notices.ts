import type { Transaction } from 'kysely';
import type { Platform } from '../platform/platform';
import type { RequestContext } from '../platform/actor';
import type { DB, RegionsTable, UnitsTable } from '../platform/db/schema';
import { newId } from '../platform/ids';
import { defaultPattern, renderNumber, takeNextNumber } from '../modules/notices/notices.numbering';
import { openRectifications } from '../modules/rectification/rectification.core';
import { addDays, chinaToday } from '../modules/inspectors/people';

/**
 * The city office's year of notices and rectification, shaped like the seed report: 39 supervision notices,
 * letters and work reminders issued and numbered (numbers taken from the real counters), 18 rectification
 * matters followed — most signed off, one verified, one submitted, one due within days, one overdue — the
 * province's feedback notices filed with the city government's performance office, and 47 earlier problems
 * checked one by one in a clear-to-zero list.
 */
type Plan = 'signed_off' | 'verified' | 'submitted' | 'due_soon' | 'overdue';

interface NoticeSpec {
  type: string;
  title: string;
  month: number;
  /** County codes addressed as main recipients (their governments); their education bureaus are copied. */
  counties: string[];
  body: string;
  /** `counties`: only these of the notice's counties answer for the item (all of them when absent). */
  items?: { demand: string; plans: Plan[]; counties?: string[] }[];
  filed?: boolean;
}

const allCounties = ['511902', '511903', '511921', '511922', '511923'];

function specs(year: number): NoticeSpec[] {
  const out: NoticeSpec[] = [
    { type: 'work_reminder', month: 2, counties: allCounties, title: '关于新冠肺炎疫情防控期间中小学教育教学组织与管理等有关工作指南的通知', body: '请各区县结合实际，指导学校做好疫情防控期间教育教学组织与管理工作。' },
    { type: 'warning', month: 3, counties: allCounties, title: '关于严禁开展线下校外培训的预警通知', body: '疫情防控期间，严禁任何校外培训机构开展线下培训活动，请各区县加强巡查。' },
    { type: 'urgent', month: 4, counties: allCounties, title: '关于进一步加强校园安全工作的紧急通知', body: '请各区县立即开展校园安全隐患排查，确保师生生命安全。' },
    {
      type: 'supervision_notice', month: 4, counties: allCounties, title: '关于加快推进城镇小区配套幼儿园治理工作的督办通知',
      body: '按照重点交账任务清单，请各区县政府通过购置、新建、转普惠等方式完成小区配套园治理。',
      items: [{ demand: '完成辖区内城镇小区配套幼儿园治理，提交治理台账和移交协议', plans: ['signed_off', 'signed_off', 'signed_off', 'signed_off', 'signed_off'] }],
    },
    { type: 'supervision_letter', month: 5, counties: ['511921', '511922'], title: '关于加快特殊教育学校建设的督办函', body: '请加快推进特殊教育学校建设项目，按期完成建设任务。' },
    { type: 'supervision_letter', month: 6, counties: ['511923'], title: '关于特殊教育学校建设进度滞后的督办函', body: '请说明建设进度滞后原因并制定加快推进措施。' },
    { type: 'supervision_notice', month: 5, counties: allCounties, title: '关于做好教育项目储备和入库申报工作的督办通知', body: '请加大教育项目储备，及时向发改部门申报入库。' },
    { type: 'supervision_notice', month: 6, counties: allCounties, title: '关于争取地方政府专项债券支持教育项目的督办通知', body: '请做好专项债券资金额度申请工作。' },
    { type: 'supervision_notice', month: 7, counties: allCounties, title: '关于小区配套幼儿园转普惠进度的督办通知', body: '请按月报送配套园转普惠进度。' },
    { type: 'supervision_notice', month: 8, counties: allCounties, title: '关于教育项目资金争取情况的督办通知', body: '请报送教育项目资金争取情况。' },
    {
      type: 'supervision_notice', month: 9, counties: allCounties, title: '关于落实义务教育教师工资收入长效机制的督办通知',
      body: '请建立相关部门落实义务教育教师工资收入长效机制和随当地公务员工资收入动态调整机制。',
      items: [{ demand: '建立义务教育教师工资收入长效机制，补发拖欠的教师目标绩效奖', plans: ['signed_off', 'signed_off', 'signed_off', 'verified', 'submitted'] }],
    },
    { type: 'work_reminder', month: 6, counties: allCounties, title: '关于义务教育基本均衡发展全域接受国家督导检查的通知', body: '请各区县做好迎接国家督导检查的各项准备。' },
    { type: 'work_reminder', month: 9, counties: allCounties, title: `关于开展${year}年学校食堂专项治理工作的通知`, body: '请各区县对学校食堂运行管理开展专项治理。' },
  ];
  const policies = ['营养改善计划资金', '学生资助资金', '乡村教师生活补助', '特教教师绩效工资提高政策', '学前教育资助资金', '农村义务教育学生营养膳食补助', '教师周转宿舍建设资金'];
  for (const [i, p] of policies.entries()) {
    out.push({
      type: 'supervision_letter', month: 3 + i, counties: [allCounties[i % 5]], title: `关于加快兑现落实${p}的督办函`, body: `请加快${p}拨付进度，确保惠民政策落实到位。`,
      items: i < 2 ? [{ demand: `兑现落实${p}，报送拨付凭证`, plans: [i === 0 ? 'signed_off' : 'due_soon'] }] : undefined,
    });
  }
  const feedback = ['教师待遇保障', '学前教育普及普惠', '教育经费投入', '学校食堂管理', '控辍保学'];
  for (const [i, area] of feedback.entries()) {
    out.push({
      type: 'supervision_notice', month: 2, counties: [allCounties[i]], title: `关于省对市政府履行教育职责实地督导反馈问题（${area}）整改的督办通知`,
      body: '根据省督导组实地督导反馈意见，请对照问题清单逐项整改，按期报送整改报告。',
      items: [{ demand: `对照省督导组反馈的${area}方面问题逐项整改到位`, plans: [i === 4 ? 'overdue' : 'signed_off'] }],
      filed: i < 4,
    });
  }
  const reminders = ['春季开学工作', '秋季开学工作', '校外培训机构监管', '防溺水安全教育', '控辍保学动态监测', '校园食品安全', '教育信息化建设', '学校安全隐患排查', '义务教育阶段招生入学', '教师资格定期注册', '学生体质健康监测', '中小学课后服务', '农村寄宿制学校管理', '学校卫生防疫'];
  for (const [i, topic] of reminders.entries()) {
    out.push({
      type: i % 3 === 0 ? 'supervision_notice' : 'work_reminder', month: 1 + (i % 11), counties: allCounties, title: `关于做好${topic}的${i % 3 === 0 ? '督办通知' : '工作提示函'}`,
      body: `请各区县按要求做好${topic}，并于规定时间内报送工作情况。`,
      items: topic === '控辍保学动态监测' ? [{ demand: '建立控辍保学动态监测机制，报送监测台账', plans: ['signed_off'], counties: ['511921'] }] : undefined,
    });
  }
  return out;
}

export async function seedDemoNotices(trx: Transaction<DB>, platform: Platform, byCode: Map<string, RegionsTable>, units: UnitsTable[], now: Date): Promise<void> {
  const today = chinaToday(now);
  const year = Number(today.slice(0, 4));
  const city = byCode.get('511900')!;
  const office = await trx.selectFrom('accounts').select(['id', 'display_name']).where('username', '=', 'city').executeTakeFirstOrThrow();
  const leader = await trx.selectFrom('accounts').select(['id', 'display_name']).where('username', '=', 'leader').executeTakeFirstOrThrow();
  const ctx: RequestContext = { actor: null, ip: null, requestId: 'demo-seed', locale: 'zh-CN' };
  const types = new Map((await trx.selectFrom('notice_types').selectAll().execute()).map((t) => [t.key, t]));
  const government = (code: string) => units.find((u) => u.kind === 'government' && u.region_id === byCode.get(code)!.id)!;
  const bureau = (code: string) => units.find((u) => u.kind === 'education_bureau' && u.region_id === byCode.get(code)!.id)!;
  const at = (date: string, hour = 9) => `${date}T${String(hour - 8).padStart(2, '0')}:00:00.000Z`;
  const event = (rectificationId: string, kind: string, from: string | null, to: string | null, date: string, extra: { text?: string; percent?: number; grade?: string; byOffice?: boolean } = {}) => ({
    id: newId(), rectification_id: rectificationId, kind, from_status: from, to_status: to, text: extra.text ?? null, percent: extra.percent ?? null,
    grade: extra.grade ?? null, actor_id: extra.byOffice ? office.id : null, actor_name: extra.byOffice ? office.display_name : '区县督导室', at: at(date, 10),
  });
  const grades = ['good', 'good', 'fair', 'good', 'average'];
  let graded = 0;

  /**
   * Move an opened item along its history to where the plan says it stands today; a step whose date is still
   * to come (a demo started early in the year) is not taken.
   */
  const follow = async (id: string, created: string, deadline: string, plan: Plan) => {
    const submitted = addDays(deadline, -3);
    const verified = addDays(submitted, 7);
    const signed = addDays(verified, 3);
    const grade = grades[graded++ % grades.length];
    const finishes = plan !== 'due_soon' && plan !== 'overdue';
    const steps: { date: string; event: ReturnType<typeof event>; set: Partial<DB['rectifications']> }[] = [
      { date: addDays(created, 5), event: event(id, 'plan', 'pending', 'in_progress', addDays(created, 5), { text: '成立整改工作专班，明确责任人和完成时限' }), set: { responsible_person: '分管副县长', measures: '成立专班，逐项对账销号', status: 'in_progress', percent: 30 } },
      { date: addDays(created, 20), event: event(id, 'progress', 'in_progress', 'in_progress', addDays(created, 20), { text: finishes ? '整改基本完成，正在收集佐证材料' : '已完成大部分整改任务', percent: finishes ? 80 : 60 }), set: { percent: finishes ? 80 : 60 } },
      ...(finishes ? [{ date: submitted, event: event(id, 'submit', 'in_progress', 'submitted', submitted, { text: '已按要求完成整改，报送整改报告及佐证材料', percent: 100 }), set: { status: 'submitted', percent: 100, first_submitted_at: at(submitted), submitted_at: at(submitted) } }] : []),
      ...(finishes && plan !== 'submitted' ? [{ date: verified, event: event(id, 'verify', 'submitted', 'verified', verified, { text: '查阅整改报告和佐证材料，整改到位', grade, byOffice: true }), set: { status: 'verified', grade, verified_at: at(verified), verified_by: office.id, verification_method: 'documents', verification_note: '查阅资料核实' } }] : []),
      ...(plan === 'signed_off' ? [{ date: signed, event: event(id, 'signOff', 'verified', 'signed_off', signed, { text: '整改到位，予以销号', byOffice: true }), set: { status: 'signed_off', signed_off_at: at(signed), signed_off_by: office.id } }] : []),
    ].filter((step) => step.date <= today);
    if (!steps.length) return 'pending';
    const set = Object.assign({}, ...steps.map((step) => step.set)) as Partial<DB['rectifications']>;
    await trx.updateTable('rectifications').set({ ...set, updated_at: steps[steps.length - 1].event.at }).where('id', '=', id).execute();
    await trx.insertInto('rectification_events').values(steps.map((step) => step.event)).execute();
    return set.status ?? 'pending';
  };

  const issuedNoticeIds: { id: string; issueDate: string; filed: boolean }[] = [];
  for (const [k, spec] of specs(year).entries()) {
    const issueDate = `${year}-${String(spec.month).padStart(2, '0')}-${String(3 + (k % 20)).padStart(2, '0')}`;
    if (issueDate > today) continue;
    const type = types.get(spec.type)!;
    const serial = await takeNextNumber(trx, city.id, spec.type, year);
    // A notice without items is closed a month after issue, once that month has passed.
    const closed = !spec.items && addDays(issueDate, 30) <= today;
    const id = newId();
    await trx.insertInto('notices').values({
      id, region_id: city.id, region_path: city.path, issuer_name: '巴中市人民政府教育督导委员会办公室', type_key: spec.type, title: spec.title,
      body: spec.body, basis: JSON.stringify([{ title: '四川省人民政府教育督导委员会办公室关于督促如期完成教育改革发展重点交账任务的通知', docNo: null }]),
      status: closed ? 'closed' : 'issued', task_id: null, escalated_from: null, doc_number: renderNumber(defaultPattern(city.name, type), year, serial),
      doc_year: year, doc_seq: serial, printed_by: '巴中市人民政府教育督导委员会办公室', drafted_by: office.id, submitted_at: at(addDays(issueDate, -2)),
      approved_by: leader.id, approved_at: at(addDays(issueDate, -1)), approval_note: '同意印发', issued_by: office.id, issued_at: at(issueDate), issue_date: issueDate,
      closed_at: closed ? at(addDays(issueDate, 30)) : null, withdrawn_at: null, withdrawn_reason: null, created_at: at(addDays(issueDate, -3)), updated_at: at(issueDate),
    }).execute();
    const recipients = [
      ...spec.counties.map((c, i) => ({ unit: government(c), kind: 'main', sort: i })),
      ...spec.counties.map((c, i) => ({ unit: bureau(c), kind: 'copy', sort: spec.counties.length + i })),
    ];
    await trx.insertInto('notice_recipients').values(recipients.map((r) => ({
      id: newId(), notice_id: id, unit_id: r.unit.id, region_path: r.unit.region_path, kind: r.kind, sort: r.sort,
      acknowledged_at: r.kind === 'main' ? at(addDays(issueDate, 1), 15) : null, acknowledged_by: null, acknowledged_by_name: r.kind === 'main' ? '区县督导室' : null,
      replied_at: null,
    }))).execute();
    for (const [seq, item] of (spec.items ?? []).entries()) {
      // An item's deadline: two months after issue, or near today for the ones the plan keeps open.
      const deadlines = item.plans.map((p) => (p === 'due_soon' ? addDays(today, 2) : p === 'overdue' ? addDays(today, -8) : addDays(issueDate, 60)));
      const itemId = newId();
      const answering = item.counties ?? spec.counties;
      await trx.insertInto('notice_items').values({
        id: itemId, notice_id: id, seq: seq + 1, demand: item.demand, deadline: deadlines[0], unit_ids: item.counties ? JSON.stringify(answering.map((c) => government(c).id)) : null,
      }).execute();
      const opened = await openRectifications(trx, platform, ctx, answering.map((c, i) => ({
        origin: 'notice', noticeId: id, noticeItemId: itemId, taskId: null, unit: { id: government(c).id, regionId: government(c).region_id, regionPath: government(c).region_path },
        office: { regionId: city.id, regionPath: city.path }, demand: item.demand, deadline: deadlines[i], problemIds: [],
      })), { audited: false });
      for (const [i, r] of opened.entries()) {
        await trx.updateTable('rectifications').set({ created_at: at(issueDate), original_deadline: deadlines[i] }).where('id', '=', r.id).execute();
        await trx.updateTable('rectification_events').set({ at: at(issueDate) }).where('rectification_id', '=', r.id).execute();
        await follow(r.id, issueDate, deadlines[i], item.plans[i]);
      }
    }
    issuedNoticeIds.push({ id, issueDate, filed: !!spec.filed });
  }

  for (const n of issuedNoticeIds.filter((x) => x.filed)) {
    await trx.insertInto('filings').values({
      id: newId(), notice_id: n.id, region_path: city.path, filed_with: '巴中市人民政府目标绩效管理办公室', filed_on: addDays(n.issueDate, 75),
      reference_no: null, note: '整改落实情况报告已报备', created_by: office.id, created_at: at(addDays(n.issueDate, 75)),
    }).execute();
  }

  // 47 earlier problems of poverty-alleviation education, each put under rectification, verified and signed off.
  const schools = units.filter((u) => u.kind === 'school' && ['511921', '511922', '511923'].some((c) => u.region_path.startsWith(byCode.get(c)!.path)));
  const shortfalls = ['义务教育阶段适龄儿童少年失学辍学动态清零不及时', '送教上门服务记录不完整', '建档立卡贫困家庭学生资助未全覆盖', '控辍保学“一人一案”台账不规范', '乡村学校教师周转宿舍不足', '寄宿制学校生活设施不达标'];
  const problemIds: string[] = [];
  for (let i = 0; i < 47; i += 1) {
    const school = schools[(i * 7) % schools.length];
    const found = `${year - 1}-${String(1 + (i % 12)).padStart(2, '0')}-15`;
    const description = `${shortfalls[i % shortfalls.length]}（${school.name.replace('（演示）', '')}）`;
    const problemId = newId();
    await trx.insertInto('problems').values({
      id: problemId, source: 'higher_feedback', area: 'compulsory', severity: 'medium', status: 'open', region_id: school.region_id, region_path: school.region_path,
      unit_id: school.id, task_id: null, visit_id: null, item_key: null, description, found_by: '脱贫攻坚以来各级督导反馈', found_by_account_id: null,
      found_on: found, deadline: addDays(found, 90), recurrence_key: `text:compulsory:${description}`, recurring_of_id: null, created_at: at(found), updated_at: at(found),
    }).execute();
    const [r] = await openRectifications(trx, platform, ctx, [{
      origin: 'problem', noticeId: null, noticeItemId: null, taskId: null, unit: { id: school.id, regionId: school.region_id, regionPath: school.region_path },
      office: { regionId: city.id, regionPath: city.path }, demand: description, deadline: addDays(found, 90), problemIds: [problemId],
    }], { audited: false });
    await trx.updateTable('rectifications').set({ created_at: at(found) }).where('id', '=', r.id).execute();
    if ((await follow(r.id, found, addDays(found, 90), 'signed_off')) === 'signed_off') {
      await trx.updateTable('problems').set({ status: 'closed' }).where('id', '=', problemId).execute();
    }
    problemIds.push(problemId);
  }
  const listId = newId();
  await trx.insertInto('clearance_lists').values({ id: listId, region_id: city.id, region_path: city.path, title: '脱贫攻坚以来各级反馈教育扶贫问题清零销号核查', created_by: office.id, created_at: now.toISOString() }).execute();
  await trx.insertInto('clearance_list_problems').values(problemIds.map((problemId, sort) => ({ list_id: listId, problem_id: problemId, sort }))).execute();
}
