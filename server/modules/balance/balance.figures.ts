/**
 * The figures of a school's yearly statistics (学年统计), in the shape of the national statistics returns.
 * Each figure is named as the engine (balance.rules.ts) names it. Teacher-type figures are given per section, because a combined school's sections count their own teachers;
 * facility figures are the whole school's, split between sections by the balance rules. Values are decimal
 * text (areas and money have decimals), so nothing is a float until it is shown.
 */
import type { Text } from '../../platform/i18n';
import { figureNames, teacherFigures, type FacilityFigure } from './balance.rules';

export type FigureKind = 'whole' | 'decimal';

export interface FigureDefinition {
  key: string;
  kind: FigureKind;
  label: { 'zh-CN': string; en: string };
}

const whole = (key: string, zh: string, en: string): FigureDefinition => ({ key, kind: 'whole', label: { 'zh-CN': zh, en } });
const decimal = (key: string, zh: string, en: string): FigureDefinition => ({ key, kind: 'decimal', label: { 'zh-CN': zh, en } });

/** A header starts with a capital; the engine's English names stand mid-sentence. */
const capital = (en: string) => en.charAt(0).toUpperCase() + en.slice(1);

/** A section's figure is stored under the engine's name and the section: `aboveQualifiedPrimary`. */
const sections = [['Primary', '小学', 'primary'], ['Junior', '初中', 'junior']] as const;
const perSection = (key: string, label: Text) => sections.map(([suffix, zhStage, enStage]) => whole(`${key}${suffix}`, `${zhStage}${label['zh-CN']}`, `${capital(label.en)} (${enStage})`));

/** A facility figure under the engine's name, with the unit a return prints in its header. */
const facility = (key: FacilityFigure, kind: FigureKind, zhUnit = '', enUnit = '') =>
  (kind === 'whole' ? whole : decimal)(key, `${figureNames[key]['zh-CN']}${zhUnit}`, `${capital(figureNames[key].en)}${enUnit}`);

export const figureDefinitions: FigureDefinition[] = [
  whole('studentsPrimary', '小学在校生数（有学籍）', 'Primary students (registered)'),
  whole('studentsJunior', '初中在校生数（有学籍）', 'Junior students (registered)'),
  whole('studentsSenior', '高中在校生数（有学籍）', 'Senior students (registered)'),
  ...teacherFigures.flatMap((f) => perSection(f, figureNames[f])),
  ...perSection('classes', { 'zh-CN': '班级数', en: 'Classes' }),
  ...perSection('largestClass', { 'zh-CN': '最大班额（人）', en: 'Largest class (students)' }),
  facility('teachingAuxArea', 'decimal', '（平方米）', ' (m²)'),
  facility('indoorSportsRoomArea', 'decimal', '（平方米）', ' (m²)'),
  facility('sportsGroundArea', 'decimal', '（平方米）', ' (m²)'),
  facility('sportsHallArea', 'decimal', '（平方米）', ' (m²)'),
  facility('equipmentValue', 'decimal', '（元）', ' (yuan)'),
  facility('multimediaRooms', 'whole'),
  facility('books', 'whole'),
  facility('computers', 'whole'),
  whole('musicRooms', '音乐专用教室数', 'Music rooms'),
  whole('artRooms', '美术专用教室数', 'Art rooms'),
];

export const figureKeys = figureDefinitions.map((f) => f.key);
export type Figures = Record<string, string>;

const wholeText = /^\d{1,9}$/;
const decimalText = /^\d{1,12}(\.\d{1,4})?$/;

/** A figure as stored: trimmed decimal text without leading zeros or a trailing dot; null when it is not one. */
export function figureText(kind: FigureKind, value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  const text = typeof value === 'number' ? numberText(value) : String(value).trim().replace(/,/g, '');
  if (!(kind === 'whole' ? wholeText : decimalText).test(text)) return null;
  return normalised(text);
}

/** A number from a spreadsheet cell as the decimal it shows: 1234.5 rather than 1234.4999999. */
function numberText(value: number): string {
  if (!Number.isFinite(value) || value < 0) return String(value);
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

function normalised(text: string): string {
  const [int, frac = ''] = text.split('.');
  const fraction = frac.replace(/0+$/, '');
  const integer = int.replace(/^0+(?=\d)/, '');
  return fraction ? `${integer}.${fraction}` : integer;
}

/** 万元 to 元, exactly: the decimal point moves four places. */
export function wanYuanToYuan(text: string): string {
  const [int, frac = ''] = text.split('.');
  const padded = frac.padEnd(4, '0');
  return normalised(`${int}${padded.slice(0, 4)}${padded.length > 4 ? `.${padded.slice(4)}` : ''}`);
}
