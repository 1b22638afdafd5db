import type { Transaction } from 'kysely';
import type { Platform } from '../platform/platform';
import type { DB, RegionsTable, UnitsTable } from '../platform/db/schema';
import { newId } from '../platform/ids';
import { chinaToday } from '../modules/inspectors/people';
import { addWorkingDays } from '../modules/oversight/oversight.accountability-cases';
import { addDays } from '../modules/rectification/rectification-status';
import { insertProblemRow } from '../modules/problems/problems.service';
import { addEvent, insertComplaint, linkProblem } from '../modules/complaints/complaints.repo';
import { codeHash, encryptIdentity, newTrackingCode } from '../modules/complaints/complaints.secrets';
import { defaultComplaintSettings } from '../modules/complaints/complaints.service';

/** What parents wrote, by category: [category, problem area when triaged, text]. */
const reports: [string, string, string][] = [
  ['fees', 'conduct', '学校以“资料费”名义向每名学生收取 200 元，未出具收据。'],
  ['tutoring', 'conduct', '班主任周末在家中组织有偿补课，每次每人 100 元，暗示不参加会影响座位安排。'],
  ['ethics', 'teachers', '某老师多次在课堂上辱骂学生，孩子不敢上学。'],
  ['safety', 'safety', '校门口上下学时段车辆乱停，没有护学岗，孩子过马路很危险。'],
  ['canteen', 'safety', '食堂饭菜多次出现变质，学生反映吃后肚子痛，校方未作说明。'],
  ['admission', 'conduct', '学校要求择校生缴纳“赞助费”才能入学。'],
  ['burden', 'conduct', '三年级每天作业要写到晚上十点以后，远超规定。'],
  ['fees', 'conduct', '学校统一征订教辅资料，要求家长到指定书店购买。'],
  ['tutoring', 'conduct', '某培训机构在工作日晚上开展学科类培训，仍在招生。'],
  ['other', 'conduct', '学校午休时间强制学生在教室趴桌，不允许回宿舍。'],
  ['safety', 'safety', '学校围墙有一段倒塌，几个月未修复。'],
  ['canteen', 'safety', '食堂从业人员没有健康证，操作间卫生很差。'],
];

const names = ['张丽', '王建国', '李娟', '刘洋', '陈静', '杨帆', '赵敏', '黄磊', '周婷', '吴强'];
const replies = {
  accepted: '您反映的问题已受理，我们将组织核查，请耐心等待。',
  closed: '经核查，您反映的问题基本属实，已责令学校整改并退还相关费用，后续将持续跟踪。',
  rejected: '您反映的事项已由法院立案审理，不属于教育督导受理范围。',
  not_ours: '您反映的培训机构消防问题属于消防救援部门职责，请向当地消防救援机构反映。',
};

/**
 * Three dozen complaints in the counties' inboxes over the last seven weeks, in every state: new ones (some
 * past their acknowledging deadline), ones being handled and triaged into problems, closed ones with the
 * complainant's satisfaction, rejected, not ours and a merged repeat. Their tracking codes are
 * thrown away: the demo's complainants file their own on /complaint.
 */
export async function seedDemoComplaints(trx: Transaction<DB>, platform: Platform, byCode: Map<string, RegionsTable>, units: UnitsTable[], now: Date): Promise<void> {
  const key = platform.config.complaintKey;
  const today = chinaToday(now);
  const { acknowledgeWorkingDays, handleWorkingDays } = defaultComplaintSettings;
  const counties = ['511902', '511903', '511921', '511922', '511923'].map((c) => byCode.get(c)!);
  const office = (await trx.selectFrom('accounts').select(['id', 'display_name']).where('username', '=', 'bazhou').executeTakeFirstOrThrow());
  const states = ['received', 'received', 'accepted', 'accepted', 'closed', 'closed', 'rejected', 'not_ours'] as const;
  // The last complaint each county handles, which a repeat merges into.
  const handledIn = new Map<string, string>();
  for (let i = 0; i < 36; i++) {
    const county = counties[i % counties.length];
    const schools = units.filter((u) => u.kind !== 'training_institution' && u.synthetic === 1 && u.region_path.startsWith(county.path));
    const unit = schools[(i * 7) % schools.length];
    const [category, area, text] = reports[i % reports.length];
    const status = i === 35 && handledIn.has(county.id) ? 'merged' : states[i % states.length];
    const filedOn = addDays(today, -(2 + ((i * 5) % 45)));
    const at = (day: string, hour: number) => `${day}T0${hour}:${String((i * 7) % 60).padStart(2, '0')}:00.000Z`;
    const acceptedOn = addWorkingDays(filedOn, 1);
    const anonymous = i % 3 === 0;
    const id = newId();
    const handled = status === 'accepted' || status === 'closed';
    await insertComplaint(trx, {
      id, code_hash: codeHash(newTrackingCode())!, challenge_nonce: null, region_id: county.id, region_path: county.path,
      unit_id: unit.id, unit_text: null, category, description: text, happened_on: addDays(filedOn, -3), privacy: anonymous ? 'anonymous' : i % 2 ? 'office' : 'office_and_unit',
      name_cipher: anonymous ? null : encryptIdentity(key, names[i % names.length]), phone_cipher: anonymous ? null : encryptIdentity(key, `139${String(10_000_000 + i * 7919).slice(-8)}`),
      status, acknowledge_due: addWorkingDays(filedOn, acknowledgeWorkingDays), handle_due: handled ? addWorkingDays(acceptedOn, handleWorkingDays) : null,
      merged_into_id: status === 'merged' ? handledIn.get(county.id)! : null, satisfaction: status === 'closed' ? (['satisfied', 'basic', 'satisfied', 'unsatisfied'] as const)[i % 4] : null,
      reopened: 0, created_at: at(filedOn, 1), updated_at: at(filedOn, 1),
    });
    await addEvent(trx, { complaint_id: id, step: 'filed', actor_id: null, public_text: null, internal_note: null, created_at: at(filedOn, 1) });
    const staff = (step: string, day: string, publicText: string | null, note: string | null = null) =>
      addEvent(trx, { complaint_id: id, step, actor_id: county.code === '511902' ? office.id : null, public_text: publicText, internal_note: note, created_at: at(day, 2) });
    if (status === 'rejected' || status === 'not_ours') await staff(status, acceptedOn, replies[status]);
    if (status === 'merged') await staff('merged', acceptedOn, null, '与同一学校的另一件举报内容相同，合并办理');
    if (handled) {
      await staff('accepted', acceptedOn, replies.accepted);
      const problem = await insertProblemRow(trx, platform, {
        source: 'complaint', area, severity: 'medium', region: { id: unit.region_id, path: unit.region_path }, unitId: unit.id, taskId: null, visitId: null, itemKey: null,
        description: text, foundBy: '群众举报', foundByAccountId: null, foundOn: acceptedOn, deadline: null,
      });
      await linkProblem(trx, id, problem.id);
      await staff('triaged', acceptedOn, null, '已分办为问题，纳入问题台账');
    }
    if (status === 'closed') {
      const closedOn = addWorkingDays(acceptedOn, 5);
      await staff('closed', closedOn, replies.closed);
      await addEvent(trx, { complaint_id: id, step: `rated_${['satisfied', 'basic', 'satisfied', 'unsatisfied'][i % 4]}`, actor_id: null, public_text: null, internal_note: null, created_at: at(closedOn, 3) });
    }
    if (handled) handledIn.set(county.id, id);
  }
}
