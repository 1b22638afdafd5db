import type { Platform } from '../../platform/platform';
import type { RequestContext } from '../../platform/actor';
import { chineseDate, escapeHtml, renderPdf } from '../../platform/pdf';
import { visitDetail } from './visits.service';

const groupLabels = { cadres: '干部', teachers: '教师', students: '学生', parents: '家长', deputies: '两代表一委员' } as const;
const severityLabels = { low: '轻微', medium: '一般', high: '严重' } as const;

/**
 * The one-page feedback sheet (督导反馈单) handed to the head of the unit: what was checked, what was found,
 * what must be fixed and by when, and lines for both signatures.
 */
export async function feedbackSheetPdf(platform: Platform, ctx: RequestContext, id: string): Promise<Buffer> {
  const db = platform.database.db;
  const v = await visitDetail(db, ctx.actor!, id);
  const team = v.team ? await db.selectFrom('task_team_members').innerJoin('accounts', 'accounts.id', 'task_team_members.account_id')
    .select(['accounts.display_name', 'task_team_members.role']).where('task_team_members.team_id', '=', v.team.id).orderBy('task_team_members.created_at').execute() : [];
  const areas = await db.selectFrom('problem_areas').select(['key', 'name_zh']).execute();
  const areaName = (k: string) => areas.find((a) => a.key === k)?.name_zh ?? k;
  const a = v.activities;
  const interviews = Object.entries(groupLabels).map(([k, label]) => [label, a.interviews[k as keyof typeof groupLabels] ?? 0] as const).filter(([, n]) => n > 0);
  const done = [
    a.reportsHeard ? `听取汇报 ${a.reportsHeard} 次` : '',
    a.dataVerified ? '核实数据' : '',
    a.documentsChecked.length ? `查阅资料：${a.documentsChecked.map(escapeHtml).join('、')}` : '',
    a.meetings.length ? `召开座谈会 ${a.meetings.length} 场（${a.meetings.map((m) => `${escapeHtml(m.topic)} ${m.attendees} 人`).join('；')}）` : '',
    interviews.length ? `走访 ${interviews.map(([l, n]) => `${l} ${n} 人`).join('、')}` : '',
  ].filter(Boolean);
  const items = v.checklist?.items ?? [];
  const byArea = [...new Set(items.map((i) => i.area))].map((area) => {
    const inArea = items.filter((i) => i.area === area);
    const failing = inArea.filter((i) => v.answers[i.key]?.failing).length;
    return `${escapeHtml(area)}（${inArea.length} 项${failing ? `，${failing} 项不符合` : '，均符合'}）`;
  });
  const failingItems = items.filter((i) => v.answers[i.key]?.failing).map((i) => `<li>${escapeHtml(i.text)}${v.answers[i.key].note ? `：${escapeHtml(v.answers[i.key].note)}` : ''}</li>`);
  const problems = v.problems.map((p, n) => `<tr><td>${n + 1}</td><td>${escapeHtml(p.description)}</td><td>${escapeHtml(areaName(p.area))}</td><td>${severityLabels[p.severity]}</td><td>${p.deadline ? chineseDate(p.deadline) : '—'}</td></tr>`);
  const leader = team.find((m) => m.role === 'leader')?.display_name ?? '';
  const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
    @page { size: A4; margin: 16mm 18mm; }
    body { font-family: "Noto Serif CJK SC", "Noto Sans CJK SC", serif; font-size: 10.5pt; line-height: 1.55; color: #000; margin: 0; }
    h1 { font-size: 18pt; text-align: center; margin: 0 0 4mm; letter-spacing: 0.2em; }
    .meta { width: 100%; border-collapse: collapse; margin-bottom: 3mm; }
    .meta td { border: 1px solid #000; padding: 1.2mm 2mm; vertical-align: top; }
    .meta td.k { width: 22mm; background: #f2f2f2; white-space: nowrap; }
    h2 { font-size: 11.5pt; margin: 3mm 0 1mm; }
    ul { margin: 0; padding-left: 6mm; }
    table.p { width: 100%; border-collapse: collapse; font-size: 10pt; }
    table.p th, table.p td { border: 1px solid #000; padding: 1mm 1.5mm; text-align: left; }
    .sign { display: flex; justify-content: space-between; margin-top: 8mm; }
    .sign div { width: 46%; line-height: 2.4; }
  </style></head><body>
  <h1>实地督导反馈单</h1>
  <table class="meta">
    <tr><td class="k">督导对象</td><td>${escapeHtml(v.targetName)}</td><td class="k">督导日期</td><td>${chineseDate(v.visitDate)}（第 ${v.round} 轮）</td></tr>
    <tr><td class="k">督导任务</td><td colspan="3">${escapeHtml(v.task.title)}</td></tr>
    <tr><td class="k">督导组</td><td colspan="3">${escapeHtml(v.team?.name ?? '')}${team.length ? `：${team.map((m) => escapeHtml(m.display_name) + (m.role === 'leader' ? '（组长）' : '')).join('、')}` : ''}</td></tr>
  </table>
  <h2>一、督导检查情况</h2>
  <ul>${done.map((d) => `<li>${d}</li>`).join('')}${byArea.length ? `<li>对照《${escapeHtml(v.checklist!.title)}》（第 ${v.checklist!.version} 版）检查：${byArea.join('；')}</li>` : ''}</ul>
  <h2>二、发现的问题</h2>
  ${failingItems.length ? `<ul>${failingItems.join('')}</ul>` : ''}
  ${v.findings ? `<p style="margin:1mm 0">${escapeHtml(v.findings).replace(/\n/g, '<br>')}</p>` : ''}
  ${!failingItems.length && !v.findings ? '<p style="margin:1mm 0">未发现明显问题。</p>' : ''}
  <h2>三、整改要求</h2>
  ${problems.length ? `<table class="p"><tr><th style="width:8mm">序号</th><th>问题</th><th style="width:30mm">领域</th><th style="width:12mm">程度</th><th style="width:30mm">整改时限</th></tr>${problems.join('')}</table>
  <p style="margin:1mm 0">请对照上述问题制定整改方案，明确责任人和时限，按期整改到位并报送整改情况。</p>` : '<p style="margin:1mm 0">无需专项整改事项。</p>'}
  ${v.recommendations.length ? `<h2>四、工作建议</h2><ul>${v.recommendations.map((r) => `<li>${escapeHtml(r.content)}</li>`).join('')}</ul>` : ''}
  <div class="sign">
    <div>督导组组长（签字）：${escapeHtml(leader)}<br>日期：　　　年　　月　　日</div>
    <div>被督导单位负责人（签字）：<br>日期：　　　年　　月　　日</div>
  </div>
  </body></html>`;
  return renderPdf(platform.config.chromiumPath, html);
}
