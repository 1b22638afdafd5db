/**
 * Where a title may break: between words, never inside one (GB/T 9704 §7.3.3). ICU's word segmenter (Intl.Segmenter)
 * knows common words but splits many of the domain's into single characters (督|导, 整|改, 挂|牌) or into parts
 * (义务|教育), so its boundaries are kept only where these rules do not join the two sides:
 * - a term of the domain (below) is one word;
 * - single characters ICU could not place are one word with their single-character neighbours (巴|州|区 → 巴州区);
 * - a number stays with the single character beside it (2020年, 第3, 12号);
 * - closing punctuation stays with the word before it, opening punctuation with the word after it;
 * - a short phrase in quotes or book-title marks is one word (“回头看”);
 * - the closing 的 stays with the document type after it (…的通知).
 */

/** Terms of education supervision and its documents, from the product's glossary and the notice types. */
const terms = [
  '教育督导', '督导', '督学', '责任督学', '挂牌督导', '专项督导', '常规督导', '经常性督导', '重点督查', '挂牌督战', '督导评估',
  '督导检查', '督导组', '督导办', '督导室', '督导委员会', '委员会', '办公室', '成员单位', '督办', '督查', '整改', '整改情况',
  '反馈', '问题清单', '工作建议', '义务教育', '学前教育', '职业教育', '高中阶段教育', '均衡发展', '优质均衡', '基本均衡',
  '差异系数', '履行教育职责', '教育职责', '春季学期', '秋季学期', '开学工作', '中小学校', '校外培训机构', '校舍', '安全隐患',
  '随机抽取', '专家库', '评审费', '约谈', '问责', '备案', '台账', '销号', '清零', '核查', '复查', '催办', '逾期', '延期申请',
  '自评', '县域', '人民政府', '教育局', '印发', '年度工作总结',
  '督办通知', '督办函', '工作提示函', '预警通知', '紧急通知', '反馈意见', '约谈通知', '督导意见书', '意见书',
];

/** The document types a title ends with (the 15 of 2012 and the office's own 督办文书). */
const documentTypes = [
  '督办通知', '督办函', '工作提示函', '预警通知', '紧急通知', '反馈意见', '约谈通知', '督导意见书',
  '决议', '决定', '命令', '公报', '公告', '通告', '意见', '通知', '通报', '报告', '请示', '批复', '议案', '函', '纪要',
];

const noStart = new Set([...'，。、；：？！）》」』”’〕］】…%,.;:?!)]}']);
const noEnd = new Set([...'（《「『“‘〔［【([{']);

const segmenter = new Intl.Segmenter('zh', { granularity: 'word' });
const han = /^\p{Script=Han}$/u;
const digits = /^[0-9０-９]+$/;

/** The title cut into the pieces a line may break between, in order; joined they give the title back. */
export function titleWords(title: string): string[] {
  const segments = [...segmenter.segment(title)];
  const cuts = new Set(segments.slice(1).map((s) => s.index));
  const pieceAt = new Map(segments.map((s) => [s.index, s.segment]));
  const pieceEndingAt = new Map(segments.map((s) => [s.index + s.segment.length, s.segment]));
  for (const at of [...cuts]) {
    const before = pieceEndingAt.get(at)!;
    const after = pieceAt.get(at)!;
    const single = (s: string) => han.test(s);
    if ((single(before) && single(after)) || (digits.test(before) && single(after)) || (single(before) && digits.test(after))
      || noStart.has(after[0]) || noEnd.has(before[before.length - 1])) cuts.delete(at);
  }
  for (const term of terms) {
    for (let from = title.indexOf(term); from >= 0; from = title.indexOf(term, from + 1)) {
      for (let at = from + 1; at < from + term.length; at += 1) cuts.delete(at);
    }
  }
  for (const quoted of title.matchAll(/[“《][^“”《》]{1,8}[”》]/gu)) {
    for (let at = quoted.index + 1; at < quoted.index + quoted[0].length; at += 1) cuts.delete(at);
  }
  const type = documentTypes.find((t) => title.endsWith(`的${t}`));
  if (type) cuts.delete(title.length - type.length);
  const words: string[] = [];
  let start = 0;
  for (const at of [...cuts].sort((a, b) => a - b)) {
    words.push(title.slice(start, at));
    start = at;
  }
  words.push(title.slice(start));
  return words.filter(Boolean);
}
