import type { Executor } from '../../platform/db/database';
import { newId } from '../../platform/ids';
import type { ChecklistItem } from './checklists.schemas';

type Row = [key: string, area: string, text: string, type: ChecklistItem['type'], extra?: Partial<ChecklistItem>];
const items = (rows: Row[]): ChecklistItem[] => rows.map(([key, area, text, type, extra]) => ({ key, area, text, type, photoRequired: false, ...extra }));

/**
 * The starting templates every deployment gets, written from the checks the seed report describes: the
 * spring and autumn semester-opening checks (疫情防控、课程设置、安全教育), off-campus training institutions,
 * the school-canteen special campaign, teacher pay in compulsory education, and kindergartens in
 * residential areas (小区配套幼儿园治理).
 */
export const starterTemplates: { code: string; title: string; description: string; items: ChecklistItem[] }[] = [
  {
    code: 'semester-opening',
    title: '开学工作督导检查表（中小学、幼儿园）',
    description: '春秋两季开学工作督查：疫情防控、课程设置、安全教育等。',
    items: items([
      ['epi-plan', '疫情防控', '制定开学疫情防控工作方案和应急预案，并开展演练', 'yesno'],
      ['epi-check', '疫情防控', '落实晨午检、因病缺勤病因追踪登记制度', 'yesno'],
      ['epi-supplies', '疫情防控', '口罩、消毒液、测温设备等防疫物资储备充足', 'yesno', { photoRequired: true }],
      ['epi-isolation', '疫情防控', '设置临时留观室，位置和设施符合要求', 'yesno', { photoRequired: true }],
      ['cur-plan', '课程设置', '按国家课程方案开齐开足课程，课程表公示', 'yesno', { photoRequired: true }],
      ['cur-pe', '课程设置', '体育与健康课每周课时数', 'number', { min: 0, max: 10, failBelow: 3, unit: '节' }],
      ['cur-burden', '课程设置', '作业管理和课后服务落实“双减”要求', 'yesno'],
      ['cur-books', '课程设置', '教材、教辅按规定征订，课前到书', 'yesno'],
      ['safe-lesson', '安全教育', '开学第一课开展安全教育（防溺水、交通、消防、防欺凌）', 'yesno'],
      ['safe-hazard', '安全教育', '校舍、设施设备开学前安全隐患排查整改', 'yesno', { photoRequired: true }],
      ['safe-guard', '安全教育', '专职保安配备和门卫登记制度落实', 'yesno'],
      ['safe-score', '安全教育', '安全工作总体评分', 'score', { min: 0, max: 10, passScore: 6 }],
      ['notes', '其他', '其他需要说明的情况', 'text'],
    ]),
  },
  {
    code: 'training-institution',
    title: '校外培训机构督导检查表',
    description: '春秋两季开学检查中对校外培训机构的检查：办学资质、疫情防控、培训内容、安全管理。',
    items: items([
      ['licence', '办学资质', '取得办学许可证和营业执照，在有效期内并在显著位置公示', 'yesno', { photoRequired: true }],
      ['teachers', '办学资质', '从事学科类培训的教师具有相应教师资格', 'yesno'],
      ['offline-ban', '疫情防控', '未在禁止期间开展线下培训（执行预警通知要求）', 'yesno'],
      ['epi-measures', '疫情防控', '落实测温、通风、消毒和人员登记措施', 'yesno'],
      ['content', '培训内容', '培训内容不超标超前，未占用法定节假日和寒暑假开展学科类培训', 'yesno'],
      ['fees', '收费管理', '收费项目和标准公示，一次性收费不超过规定期限', 'yesno'],
      ['fire', '安全管理', '消防设施完好、疏散通道畅通', 'yesno', { photoRequired: true }],
      ['students', '安全管理', '检查时在培学生数', 'number', { min: 0, max: 5000, unit: '人' }],
      ['notes', '其他', '其他需要说明的情况', 'text'],
    ]),
  },
  {
    code: 'canteen',
    title: '学校食堂专项治理检查表',
    description: '依据《关于开展2020年学校食堂专项治理工作的通知》，抽查学校（幼儿园）食堂运行管理。',
    items: items([
      ['licence', '资质管理', '食品经营许可证在有效期内并公示', 'yesno', { photoRequired: true }],
      ['health-cert', '资质管理', '从业人员持有效健康证明上岗', 'yesno'],
      ['accompany', '管理制度', '落实校领导陪餐制度，有陪餐记录', 'yesno'],
      ['purchase', '管理制度', '食材集中采购，索证索票、进货查验记录完整', 'yesno'],
      ['sample', '管理制度', '每餐次食品留样不少于125克、保存48小时以上', 'yesno', { photoRequired: true }],
      ['finance', '财务管理', '食堂财务单独核算，不以营利为目的，无挤占挪用学生伙食费', 'yesno'],
      ['price', '财务管理', '伙食价格公示，学生和家长满意', 'yesno'],
      ['hygiene', '环境卫生', '加工操作区生熟分开，“三防”设施完好', 'yesno', { photoRequired: true }],
      ['bright-kitchen', '环境卫生', '“明厨亮灶”建设落实', 'yesno'],
      ['score', '总体评价', '食堂管理总体评分', 'score', { min: 0, max: 100, passScore: 60 }],
      ['notes', '其他', '其他需要说明的情况', 'text'],
    ]),
  },
  {
    code: 'teacher-pay',
    title: '义务教育教师工资待遇落实情况督导检查表',
    description: '依据省政府教育督导委员会办公室关于开展义务教育教师工资待遇落实情况督导的通知。',
    items: items([
      ['avg-teacher', '工资水平', '义务教育教师年平均工资收入', 'number', { min: 0, max: 1000000, unit: '元' }],
      ['avg-civil', '工资水平', '当地公务员年平均工资收入', 'number', { min: 0, max: 1000000, unit: '元' }],
      ['not-lower', '工资水平', '义务教育教师平均工资收入不低于当地公务员平均工资收入', 'yesno'],
      ['mechanism', '长效机制', '建立相关部门落实义务教育教师工资收入长效机制', 'yesno'],
      ['dynamic', '长效机制', '建立教师工资收入随当地公务员工资收入动态调整机制', 'yesno'],
      ['arrears', '绩效奖励', '教师目标绩效奖按时足额发放，无拖欠', 'yesno'],
      ['special-ed', '绩效奖励', '特殊教育教师绩效工资提高比例', 'number', { min: 0, max: 100, failBelow: 15, unit: '%' }],
      ['rural', '津贴补贴', '乡村教师生活补助按规定发放', 'yesno'],
      ['evidence', '佐证材料', '工资发放花名册、财政拨款凭证等材料齐全', 'yesno', { photoRequired: true }],
      ['notes', '其他', '其他需要说明的情况', 'text'],
    ]),
  },
  {
    code: 'community-kindergarten',
    title: '城镇小区配套幼儿园治理检查表',
    description: '按重点交账任务清单督办小区配套幼儿园治理：通过购置、新建、转普惠等方式完成治理。',
    items: items([
      ['planned', '规划建设', '小区按规划配套建设幼儿园', 'yesno'],
      ['handed-over', '移交管理', '配套幼儿园已按规定移交当地教育行政部门', 'yesno'],
      ['inclusive', '办园性质', '已办成公办园或普惠性民办园', 'yesno'],
      ['way', '治理方式', '治理方式（购置、新建、转普惠、回收等）', 'text'],
      ['places', '学位供给', '提供学位数', 'number', { min: 0, max: 2000, unit: '个' }],
      ['in-use', '办园情况', '已开园招生', 'yesno', { photoRequired: true }],
      ['fees', '办园情况', '收费执行普惠性收费标准', 'yesno'],
      ['notes', '其他', '其他需要说明的情况', 'text'],
    ]),
  },
];

/**
 * Insert the starting templates once (by code): every process does this at start, and the unique (code,
 * version) key turns a second process's insert into nothing. They are built in (no region); every office may
 * use them. Answers the current template id of each code.
 */
export async function ensureStarterTemplates(db: Executor, now: string): Promise<Map<string, string>> {
  await db.insertInto('checklist_templates').values(starterTemplates.map((t) => ({
    id: newId(), code: t.code, version: 1, title: t.title, description: t.description, items: JSON.stringify(t.items),
    region_id: null, region_path: null, superseded: 0, created_by: null, created_at: now,
  }))).onConflict((oc) => oc.columns(['code', 'version']).doNothing()).execute();
  const current = await db.selectFrom('checklist_templates').select(['id', 'code']).where('code', 'in', starterTemplates.map((t) => t.code)).where('superseded', '=', 0).execute();
  return new Map(current.map((t) => [t.code, t.id]));
}
