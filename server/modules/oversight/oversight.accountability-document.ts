import type { Platform } from '../../platform/platform';
import type { Actor } from '../../platform/actor';
import { chineseDate, renderPdf } from '../../platform/pdf';
import { supervisionOfficeName } from '../units/units.service';
import { documentDocx, documentHtml, type OfficialDocument } from '../notices/notices.document';
import { caseLimits } from './accountability-case-status';
import { decidedCase } from './oversight.accountability-cases';
import { accountabilityKindLabels, type AccountabilityKind } from './oversight.schemas';

/**
 * The 问责决定 as an official document in the notices' GB/T 9704 layout: addressed to the object, stating
 * the facts, the basis, the measure and the effective date the 办法 requires, and how to seek review or
 * appeal (which do not suspend it). Numbered with the number the office gave the decision, if any.
 */
async function decisionDocument(platform: Platform, actor: Actor, id: string): Promise<OfficialDocument> {
  const db = platform.database.db;
  const c = await decidedCase(db, actor, id);
  const [unit, office] = await Promise.all([
    db.selectFrom('units').select('name').where('id', '=', c.unit_id).executeTakeFirstOrThrow(),
    db.selectFrom('regions').select(['id', 'path', 'name']).where('id', '=', c.office_region_id).executeTakeFirstOrThrow(),
  ]);
  const organ = await supervisionOfficeName(db, office);
  const lines = (text: string | null) => (text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean).map((l) => ({ runs: [{ text: l, face: 'body' as const }] }));
  const heading = (text: string) => ({ runs: [{ text, face: 'hei' as const }] });
  const measure = c.measure_kind ? accountabilityKindLabels[c.measure_kind as AccountabilityKind]['zh-CN'] : null;
  const date = chineseDate(c.decided_on!);
  return {
    mark: null,
    urgency: null,
    organ,
    number: c.doc_number,
    title: `关于对${unit.name}问责的决定`,
    addressees: `${unit.name}：`,
    paragraphs: [
      { runs: [{ text: `经调查认定，并听取你单位的陈述申辩，${organ}作出如下问责决定。`, face: 'body' }] },
      heading('一、基本事实'), ...lines(c.facts),
      heading('二、问责依据'), ...lines(c.basis),
      heading('三、问责方式'),
      { runs: [{ text: measure ? `决定对${unit.name}予以${measure}。` : '经申诉处理，原问责决定已予撤销。', face: 'body' }] },
      heading('四、生效时间'),
      { runs: [{ text: `本决定自${chineseDate(c.effective_on ?? c.decided_on!)}起生效。`, face: 'body' }] },
      {
        runs: [{
          text: `如对本决定有异议，可自收到本决定之日起${caseLimits.reviewRequest}日内向${organ}申请复核，或自收到本决定之日起${caseLimits.appealRequest}日内向上一级教育督导委员会提出申诉。复核、申诉期间，不停止本决定的执行。`,
          face: 'body',
        }],
      },
    ],
    attachments: [],
    signature: organ,
    date,
    copies: null,
    printedBy: organ,
    printedDate: date,
    fileName: `${c.doc_number ? `${c.doc_number} ` : ''}关于对${unit.name}问责的决定`.replace(/[\\/:*?"<>|]/g, '').slice(0, 120),
  };
}

export async function decisionDocx(platform: Platform, actor: Actor, id: string) {
  const d = await decisionDocument(platform, actor, id);
  return { fileName: d.fileName, content: await documentDocx(d) };
}

export async function decisionPdf(platform: Platform, actor: Actor, id: string) {
  const d = await decisionDocument(platform, actor, id);
  return { fileName: d.fileName, content: await renderPdf(platform.config.chromiumPath, documentHtml(d)) };
}
