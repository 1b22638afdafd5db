import type { Locale } from '../../platform/i18n';
import type { Executor } from '../../platform/db/database';
import { noticeActions } from '../notices/notice-status';
import { rectificationActions } from '../rectification/rectification-status';
import { caseActions } from '../oversight/accountability-case-status';
import { escalationKinds } from '../oversight/oversight.schemas';

type Name = [zh: string, en: string];

/**
 * What each recorded action is called, for the audit log page. The entries stay as recorded (they are
 * chained); only their presentation is named. A test keeps this table whole against the code.
 */
const actions: Record<string, Name> = {
  'auth.sign_in': ['登录', 'Sign in'], 'auth.sign_out': ['退出登录', 'Sign out'], 'auth.change_password': ['修改密码', 'Change password'],
  'account.update_profile': ['修改个人资料', 'Update profile'], 'account.create': ['新建账号', 'Create account'], 'account.update': ['修改账号', 'Update account'],
  'account.reset_password': ['重置密码', 'Reset password'], 'account.unlock': ['解锁账号', 'Unlock account'],
  'region.create': ['新增区划', 'Create region'], 'region.update': ['修改区划', 'Update region'], 'region.import': ['导入区划', 'Import regions'], 'region.export': ['导出区划', 'Export regions'],
  'unit.create': ['新建单位', 'Create unit'], 'unit.update': ['修改单位', 'Update unit'], 'unit.activate': ['启用单位', 'Activate unit'], 'unit.deactivate': ['停用单位', 'Deactivate unit'],
  'unit.import': ['导入单位', 'Import units'], 'unit.export': ['导出单位', 'Export units'],
  'file.upload': ['上传附件', 'Upload file'], 'audit.search': ['查询审计日志', 'Search audit log'], 'audit.verify': ['校验日志链', 'Verify audit chain'],
  'settings.security.update': ['修改安全设置', 'Update security settings'], 'settings.rectification.update': ['修改整改时限设置', 'Update rectification deadlines'],
  'settings.responsible.update': ['修改责任督学配置标准', 'Update responsible-inspector staffing'], 'settings.accountability.update': ['修改问责时限设置', 'Update accountability deadlines'],
  'settings.complaints.update': ['修改举报办理时限', 'Update complaint deadlines'],
  'system.seed_demo': ['载入演示数据', 'Load demo data'], 'system.backup': ['备份数据库', 'Back up database'], 'system.restore': ['恢复数据库', 'Restore database'],
  'committee.join': ['增补督导委员会成员', 'Add committee member'], 'committee.update': ['修改督导委员会成员', 'Update committee member'], 'committee.leave': ['督导委员会成员退出', 'Committee member leaves'],
  'committee.export': ['导出督导委员会名单', 'Export committee'], 'committee.read_personal': ['查看委员个人信息', 'Read member personal data'],
  'inspector.create': ['新增督学', 'Create inspector'], 'inspector.update': ['修改督学', 'Update inspector'], 'inspector.import': ['导入督学', 'Import inspectors'],
  'inspector.export': ['导出督学', 'Export inspectors'], 'inspector.export_expiring': ['导出任期届满督学', 'Export expiring terms'], 'inspector.export_training': ['导出培训学时', 'Export training hours'],
  'inspector.read_personal': ['查看督学个人信息', 'Read inspector personal data'], 'inspector.term_add': ['聘任督学', 'Appoint inspector'], 'inspector.term_update': ['修改聘任', 'Update term'],
  'inspector.dismiss': ['解聘督学', 'Dismiss inspector'], 'inspector.assess': ['督学考核', 'Assess inspector'], 'inspector.reward': ['督学奖惩', 'Reward or sanction'],
  'inspector.training': ['记录培训', 'Record training'], 'inspector.certificate': ['打印聘书', 'Print certificate'], 'inspector.appointment_list': ['打印聘任名单', 'Print appointment list'],
  'responsible.assign': ['分配责任督学', 'Assign responsible inspector'], 'responsible.visit': ['责任督学挂牌督导', 'Responsible inspector visit'], 'responsible.export': ['导出责任督学', 'Export responsible inspectors'],
  'expert.create': ['新增专家', 'Create expert'], 'expert.update': ['修改专家', 'Update expert'], 'expert.import': ['导入专家', 'Import experts'], 'expert.export': ['导出专家', 'Export experts'],
  'expert.read_personal': ['查看专家个人信息', 'Read expert personal data'], 'expert.relation_add': ['登记回避关系', 'Add conflict of interest'], 'expert.relation_remove': ['删除回避关系', 'Remove conflict of interest'],
  'review.create': ['新建评审', 'Create review'], 'review.update': ['修改评审', 'Update review'], 'review.draw': ['随机抽取专家', 'Draw experts'], 'review.decline': ['专家回避/谢绝', 'Expert declines'],
  'review.attendance': ['登记出勤', 'Record attendance'], 'review.export': ['导出评审', 'Export review'],
  'fees.rates': ['修改劳务费标准', 'Update fee rates'], 'fees.settle': ['结算劳务费', 'Settle fees'], 'fees.export': ['导出劳务费', 'Export fees'],
  'plan.create': ['新建督导计划', 'Create plan'], 'plan.update': ['修改督导计划', 'Update plan'],
  'task.create': ['新建督导任务', 'Create task'], 'task.update': ['修改督导任务', 'Update task'], 'task.transition': ['变更任务状态', 'Change task status'],
  'task.team_create': ['组建督导组', 'Create team'], 'task.team_update': ['修改督导组', 'Update team'], 'task.targets_add': ['添加督导对象', 'Add targets'],
  'task.target_assign': ['分配督导对象', 'Assign target'], 'task.target_remove': ['移除督导对象', 'Remove target'],
  'checklist.create': ['新建检查表', 'Create checklist'], 'checklist.revise': ['修订检查表', 'Revise checklist'],
  'visit.create': ['开始督导记录', 'Start visit'], 'visit.save': ['保存督导记录', 'Save visit'], 'visit.submit': ['提交督导记录', 'Submit visit'],
  'visit.evidence_add': ['上传现场照片', 'Add evidence'], 'visit.evidence_remove': ['删除现场照片', 'Remove evidence'],
  'problem.create': ['登记问题', 'Record problem'], 'problem.update': ['修改问题', 'Update problem'], 'problem.import': ['导入问题清单', 'Import problems'], 'problem.export': ['导出问题清单', 'Export problems'],
  'problem_area.create': ['新增问题领域', 'Create problem area'], 'problem_area.update': ['修改问题领域', 'Update problem area'], 'recommendation.create': ['提出意见建议', 'Record recommendation'],
  'notice.create': ['起草督办文书', 'Draft notice'], 'notice.update': ['修改督办文书', 'Edit notice'], 'notice.acknowledge': ['签收', 'Acknowledge'], 'notice.reply': ['回复', 'Reply'],
  'notice.attachment_add': ['添加附件', 'Add attachment'], 'notice.attachment_remove': ['删除附件', 'Remove attachment'],
  'notice_type.create': ['新增文书类型', 'Create notice type'], 'notice_type.update': ['修改文书类型', 'Update notice type'], 'notice_number_pattern.set': ['设置文号规则', 'Set number pattern'],
  'rectification.open': ['生成整改事项', 'Open rectification'], 'rectification.export': ['导出整改台账', 'Export ledger'],
  'reminder.run': ['发送整改提醒', 'Send reminders'], 'filing.create': ['整改报告备案', 'File report'], 'filing.attach': ['备案附件', 'Attach to filing'],
  'clearance_list.create': ['新建清零销号清单', 'Create clearance list'], 'clearance_list.add': ['加入清零销号清单', 'Add to clearance list'],
  'accountability.create': ['登记问责措施', 'Record accountability measure'], 'accountability_case.create': ['提出问责', 'Propose accountability case'],
  'indicator_framework.create': ['新建指标体系', 'Create framework'], 'indicator_framework.copy': ['复制指标体系', 'Copy framework'],
  'indicator_framework.update': ['修改指标体系', 'Update framework'], 'indicator_framework.publish': ['发布指标体系', 'Publish framework'],
  'indicator_framework.version': ['新建指标体系版本', 'New framework version'], 'indicator_framework.import': ['导入指标', 'Import indicators'],
  'school_statistic.import': ['导入学年统计', 'Import school statistics'], 'school_statistic.correct': ['更正学年统计', 'Correct school statistics'],
  'balance_rules.update': ['修改均衡发展评估规则', 'Change the balanced-development rules'],
  'complaint.file': ['群众举报：提交', 'Complaint: filed'], 'complaint.add_information': ['群众举报：补充情况', 'Complaint: information added'],
  'complaint.attach': ['群众举报：上传材料', 'Complaint: files attached'], 'complaint.rate': ['群众举报：满意度评价', 'Complaint: satisfaction'],
  'complaint.reopen': ['群众举报：不满意重新办理', 'Complaint: reopened'], 'complaint.read_identity': ['查看举报人身份', 'Read complainant identity'],
  'complaint.accept': ['群众举报：受理', 'Complaint: accepted'], 'complaint.reject': ['群众举报：不予受理', 'Complaint: rejected'],
  'complaint.not_ours': ['群众举报：非本部门职责', 'Complaint: not ours'], 'complaint.transfer': ['群众举报：转交', 'Complaint: transferred'],
  'complaint.merge': ['群众举报：合并', 'Complaint: merged'], 'complaint.reply': ['群众举报：答复', 'Complaint: reply'],
  'complaint.extend': ['群众举报：延期', 'Complaint: extended'], 'complaint.triage': ['群众举报：分办为问题', 'Complaint: triaged'],
  'complaint.close': ['群众举报：办结', 'Complaint: closed'],
  'complaint_category.create': ['新增举报类别', 'Create complaint category'], 'complaint_category.update': ['修改举报类别', 'Update complaint category'],
};

const noticeVerbs: Record<keyof typeof noticeActions, Name> = {
  edit: ['修改', 'Edit'], submit: ['提交审核', 'Submit'], approve: ['签发', 'Approve'], return: ['退回', 'Return'], issue: ['印发', 'Issue'], close: ['办结', 'Close'], withdraw: ['撤回', 'Withdraw'],
};
const rectificationVerbs: Record<keyof typeof rectificationActions, Name> = {
  plan: ['制定整改方案', 'Plan'], progress: ['报告进展', 'Report progress'], submit: ['提交整改结果', 'Submit result'], requestExtension: ['申请延期', 'Request extension'],
  sendBack: ['退回整改', 'Send back'], verify: ['核验', 'Verify'], signOff: ['销号', 'Sign off'], decideExtension: ['审批延期', 'Decide extension'], reopen: ['复查重启', 'Reopen'], cancel: ['撤销', 'Cancel'],
};
const caseVerbs: Record<keyof typeof caseActions, Name> = {
  open: ['立案', 'Open'], investigate: ['调查核实', 'Investigate'], drop: ['不予问责', 'Drop'], notify: ['告知', 'Notify'], state: ['陈述申辩', 'Statement'], hear: ['听取陈述', 'Hear'],
  opinion: ['提出处理意见', 'Opinion'], approve: ['批准', 'Approve'], return: ['退回', 'Return'], decide: ['作出决定', 'Decide'], publish: ['公开', 'Publish'],
  requestReview: ['申请复核', 'Request review'], decideReview: ['复核决定', 'Decide review'], requestAppeal: ['提出申诉', 'Appeal'], decideAppeal: ['申诉决定', 'Decide appeal'], correct: ['纠正', 'Correct'],
};
const escalationVerbs: Record<(typeof escalationKinds)[number] | 'ranking', Name> = {
  bulletin: ['生成通报', 'Bulletin'], interview: ['生成约谈通知', 'Summons notice'], ranking: ['排名通报', 'Ranking bulletin'],
};

const families: [prefix: string, zh: string, en: string, verbs: Record<string, Name>][] = [
  ['notice.', '督办文书', 'Notice', noticeVerbs],
  ['rectification.', '整改事项', 'Rectification', rectificationVerbs],
  ['accountability_case.', '问责', 'Accountability case', caseVerbs],
  ['escalation.', '', '', escalationVerbs],
];

/** Every action name the code can record, for the test that keeps the table whole. */
export function namedActions(): string[] {
  return [...Object.keys(actions), ...families.flatMap(([prefix, , , verbs]) => Object.keys(verbs).map((v) => `${prefix}${v}`))];
}

export function actionName(action: string, locale: Locale): string {
  const i = locale === 'en' ? 1 : 0;
  const named = actions[action];
  if (named) return named[i];
  for (const [prefix, zh, en, verbs] of families) {
    const verb = action.startsWith(prefix) ? verbs[action.slice(prefix.length)] : undefined;
    if (verb) return (i ? en : zh) ? `${i ? en : zh}${i ? ': ' : '：'}${verb[i]}` : verb[i];
  }
  return action;
}

const entityTypes: Record<string, Name> = {
  account: ['账号', 'Account'], unit: ['单位', 'Unit'], region: ['区划', 'Region'], notice: ['督办文书', 'Notice'], inspector: ['督学', 'Inspector'],
  expert: ['专家', 'Expert'], task: ['督导任务', 'Task'], review: ['评审', 'Review'], plan: ['督导计划', 'Plan'], problem: ['问题', 'Problem'],
  rectification: ['整改事项', 'Rectification item'], committee_member: ['督导委员会成员', 'Committee member'], checklist: ['检查表', 'Checklist'],
  visit: ['督导记录', 'Visit'], settings: ['设置', 'Settings'], accountability_case: ['问责案件', 'Accountability case'], accountability_step: ['问责程序', 'Case step'],
  accountability_measure: ['问责措施', 'Accountability measure'], notice_type: ['文书类型', 'Notice type'], problem_area: ['问题领域', 'Problem area'],
  indicator_framework: ['指标体系', 'Indicator framework'], filing: ['备案', 'Filing'], clearance_list: ['清零销号清单', 'Clearance list'], recommendation: ['意见建议', 'Recommendation'], fee: ['劳务费', 'Fee'],
  school_statistic: ['学年统计', 'School statistics'], complaint: ['群众举报', 'Complaint'], complaint_category: ['举报类别', 'Complaint category'],
  balance_rules: ['均衡发展评估规则', 'Balanced-development rules'],
};

export function entityTypeName(type: string | null, locale: Locale): string | null {
  if (!type) return null;
  return entityTypes[type]?.[locale === 'en' ? 1 : 0] ?? type;
}

/** Where each kind of audited record keeps the name a person knows it by. */
const nameColumns: Record<string, { table: string; column: string }> = {
  account: { table: 'accounts', column: 'display_name' }, unit: { table: 'units', column: 'name' }, region: { table: 'regions', column: 'name' },
  notice: { table: 'notices', column: 'title' }, inspector: { table: 'inspectors', column: 'name' }, expert: { table: 'experts', column: 'name' },
  task: { table: 'supervision_tasks', column: 'title' }, review: { table: 'reviews', column: 'title' }, plan: { table: 'supervision_plans', column: 'title' },
  problem: { table: 'problems', column: 'description' }, rectification: { table: 'rectifications', column: 'demand' },
  checklist: { table: 'checklist_templates', column: 'title' }, indicator_framework: { table: 'indicator_frameworks', column: 'title' },
};

/** The names of a page's audited records, one query per kind of record. */
export async function entityNames(db: Executor, entries: { entityType: string | null; entityId: string | null }[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const byType = new Map<string, Set<string>>();
  for (const e of entries) {
    if (e.entityType && e.entityId && nameColumns[e.entityType]) {
      if (!byType.has(e.entityType)) byType.set(e.entityType, new Set());
      byType.get(e.entityType)!.add(e.entityId);
    }
  }
  for (const [type, ids] of byType) {
    const { table, column } = nameColumns[type];
    const rows = await (db as Executor).selectFrom(table as 'units').select(['id', `${column} as name` as 'name']).where('id', 'in', [...ids]).execute();
    for (const r of rows as { id: string; name: string }[]) names.set(`${type}:${r.id}`, r.name.length > 60 ? `${r.name.slice(0, 60)}…` : r.name);
  }
  return names;
}
