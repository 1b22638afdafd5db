/**
 * The rule sets of balanced development (义务教育均衡发展) as data: which schools count, how combined schools
 * are split, the indicators with their thresholds, and the limits of the county checks. A province that words
 * its 计算说明 differently gets a copy with its own values; the engine reads nothing else.
 * Sources: docs/domain-rules §1 (教督〔2017〕6号) and §2 (教督〔2012〕3号).
 */
import type { Text } from '../../platform/i18n';

/** The stages a county is assessed in. */
export const stages = ['primary', 'junior'] as const;
export type Stage = (typeof stages)[number];
/** The sections a school can have; a senior section only takes its share of a combined school's facilities. */
export type Section = Stage | 'senior';

/** Figures per section: every teacher-type indicator uses the section's own teachers. */
export type TeacherFigure = 'fullTime' | 'aboveQualified' | 'backbone' | 'peTeachers' | 'musicTeachers' | 'artTeachers' | 'intermediateTitle';
/** Figures for the whole school: a combined school's are split between its sections. */
export type FacilityFigure =
  | 'teachingAuxArea' | 'indoorSportsRoomArea' | 'sportsGroundArea' | 'sportsHallArea'
  | 'equipmentValue' | 'multimediaRooms' | 'books' | 'computers';
export type Figure = TeacherFigure | FacilityFigure;

export const teacherFigures: readonly TeacherFigure[] = ['fullTime', 'aboveQualified', 'backbone', 'peTeachers', 'musicTeachers', 'artTeachers', 'intermediateTitle'];

export const figureNames: Record<Figure | 'students', Text> = {
  students: { 'zh-CN': '学生数', en: 'students' },
  fullTime: { 'zh-CN': '专任教师数', en: 'full-time teachers' },
  aboveQualified: { 'zh-CN': '高于规定学历教师数', en: 'above-qualified teachers' },
  backbone: { 'zh-CN': '县级以上骨干教师数', en: 'county-level backbone teachers' },
  peTeachers: { 'zh-CN': '体育专任教师数', en: 'PE teachers' },
  musicTeachers: { 'zh-CN': '音乐专任教师数', en: 'music teachers' },
  artTeachers: { 'zh-CN': '美术专任教师数', en: 'art teachers' },
  intermediateTitle: { 'zh-CN': '中级及以上专业技术职务教师数', en: 'teachers with an intermediate or higher title' },
  teachingAuxArea: { 'zh-CN': '教学及辅助用房面积', en: 'teaching and auxiliary room area' },
  indoorSportsRoomArea: { 'zh-CN': '室内体育用房面积', en: 'indoor sports room area' },
  sportsGroundArea: { 'zh-CN': '体育运动场地面积', en: 'sports ground area' },
  sportsHallArea: { 'zh-CN': '体育馆面积', en: 'sports hall area' },
  equipmentValue: { 'zh-CN': '教学仪器设备值', en: 'equipment value' },
  multimediaRooms: { 'zh-CN': '网络多媒体教室数', en: 'multimedia classrooms' },
  books: { 'zh-CN': '图书册数', en: 'books' },
  computers: { 'zh-CN': '计算机台数', en: 'computers' },
};

export interface BalanceIndicator {
  id: string;
  name: Text;
  /** The resource of one school: the sum of `add` less the sum of `subtract`. */
  add: Figure[];
  subtract?: Figure[];
  /** "100" for a figure per hundred students, else "1". */
  per: '1' | '100';
  /** The unit of the value and of the resource (人, 平方米, 元, 间 …). */
  unit: Text;
  /** The resource in words, for "需增加 …" (how much more a school needs). */
  resource: Text;
  /** Teachers and rooms come whole, so a shortfall is rounded up to the next one. */
  whole: boolean;
}

export interface QualityIndicator extends BalanceIndicator {
  threshold: Record<Stage, string>;
}

export interface InclusionRules {
  /** Whether private (民办) schools count. Special-education, vocational and senior-only schools never do. */
  private: boolean;
  /** Teaching points (教学点): none count, or those with at least `minStudents` students. */
  teachingPoints: 'exclude' | { minStudents: number };
}

/**
 * Student weights of the sections of a combined school (§1.4): a section's share of a split facility is its
 * students × its weight over the school's sum of the same. Items not listed are shared by plain head count.
 */
export interface SplitRules {
  nineYear: { primary: string; junior: string };
  twelveYear: { primary: string; junior: string; senior: string };
  complete: { junior: string; senior: string };
  items: FacilityFigure[];
}

interface RuleSetBase {
  id: string;
  name: Text;
  /** The document the rules come from (教督〔2017〕6号). */
  document: string;
  inclusion: InclusionRules;
  split: SplitRules;
}

export interface QualityRules extends RuleSetBase {
  indicators: QualityIndicator[];
  /** Every school: at least `minMet` indicators reach the threshold, and each one reaches `restShare` of it. */
  perSchool: { minMet: number; restShare: string };
  /** The highest coefficient of variation allowed for each indicator. */
  cvMax: Record<Stage, string>;
  /** 政府保障程度 items computable from school data: G4 school size, G5 class size, G3 music and art rooms. */
  assurance: {
    maxSchoolStudents: number;
    /** 九年一贯制 and 十二年一贯制: the compulsory sections together. */
    maxCombinedCompulsoryStudents: number;
    maxClassSize: Record<Stage, number>;
    /** One music room and one art room for every this many classes, or part of it. */
    classesPerArtRoom: number;
  };
}

export interface BasicRules extends RuleSetBase {
  indicators: BalanceIndicator[];
  /** The highest composite coefficient (the mean of the indicators' coefficients). */
  compositeMax: Record<Stage, string>;
}

const zh = (zhCN: string, en: string): Text => ({ 'zh-CN': zhCN, en });
const persons = zh('人', 'persons');
const squareMetres = zh('平方米', 'm²');
const yuan = zh('元', 'yuan');
const rooms = zh('间', 'rooms');

const standardSplit: SplitRules = {
  nineYear: { primary: '1', junior: '1.1' },
  twelveYear: { primary: '1', junior: '1.1', senior: '1.32' },
  complete: { junior: '1', senior: '1.2' },
  items: ['teachingAuxArea', 'indoorSportsRoomArea', 'sportsGroundArea', 'sportsHallArea', 'equipmentValue', 'multimediaRooms', 'books', 'computers'],
};

/** 县域义务教育优质均衡发展督导评估办法 (教督〔2017〕6号): the 7 resource indicators and the computable assurance items. */
export const quality2017: QualityRules = {
  id: 'quality2017',
  name: zh('义务教育优质均衡发展', 'High-quality balanced development'),
  document: '教督〔2017〕6号',
  inclusion: { private: true, teachingPoints: { minStudents: 50 } },
  // the province's 计算说明 may list other items; all facilities are split here, as no indicator may double-count
  split: standardSplit,
  indicators: [
    {
      id: 'Q1', name: zh('每百名学生拥有高于规定学历教师数', 'Above-qualified teachers per 100 students'),
      add: ['aboveQualified'], per: '100', unit: persons, resource: zh('高于规定学历教师', 'above-qualified teachers'), whole: true,
      threshold: { primary: '4.2', junior: '5.3' },
    },
    {
      id: 'Q2', name: zh('每百名学生拥有县级以上骨干教师数', 'County-level backbone teachers per 100 students'),
      add: ['backbone'], per: '100', unit: persons, resource: zh('县级以上骨干教师', 'backbone teachers'), whole: true,
      threshold: { primary: '1', junior: '1' },
    },
    {
      id: 'Q3', name: zh('每百名学生拥有体育、艺术（美术、音乐）专任教师数', 'PE and art teachers per 100 students'),
      add: ['peTeachers', 'musicTeachers', 'artTeachers'], per: '100', unit: persons, resource: zh('体育、艺术专任教师', 'PE and art teachers'), whole: true,
      threshold: { primary: '0.9', junior: '0.9' },
    },
    {
      // the indoor sports rooms are counted in indicator 5, so they leave indicator 4
      id: 'Q4', name: zh('生均教学及辅助用房面积', 'Teaching and auxiliary room area per student'),
      add: ['teachingAuxArea'], subtract: ['indoorSportsRoomArea'], per: '1', unit: squareMetres, resource: zh('教学及辅助用房面积', 'teaching and auxiliary room area'), whole: false,
      threshold: { primary: '4.5', junior: '5.8' },
    },
    {
      id: 'Q5', name: zh('生均体育运动场馆面积', 'Sports ground and hall area per student'),
      add: ['sportsGroundArea', 'sportsHallArea'], per: '1', unit: squareMetres, resource: zh('体育运动场馆面积', 'sports ground and hall area'), whole: false,
      threshold: { primary: '7.5', junior: '10.2' },
    },
    {
      id: 'Q6', name: zh('生均教学仪器设备值', 'Equipment value per student'),
      add: ['equipmentValue'], per: '1', unit: yuan, resource: zh('教学仪器设备值', 'equipment value'), whole: false,
      threshold: { primary: '2000', junior: '2500' },
    },
    {
      id: 'Q7', name: zh('每百名学生拥有网络多媒体教室数', 'Multimedia classrooms per 100 students'),
      add: ['multimediaRooms'], per: '100', unit: rooms, resource: zh('网络多媒体教室', 'multimedia classrooms'), whole: true,
      threshold: { primary: '2.3', junior: '2.4' },
    },
  ],
  perSchool: { minMet: 6, restShare: '0.85' },
  cvMax: { primary: '0.50', junior: '0.45' },
  assurance: { maxSchoolStudents: 2000, maxCombinedCompulsoryStudents: 2500, maxClassSize: { primary: 45, junior: 50 }, classesPerArtRoom: 12 },
};

/** 县域义务教育均衡发展督导评估暂行办法 (教督〔2012〕3号): the 8 indicators and their composite coefficient. */
export const basic2012: BasicRules = {
  id: 'basic2012',
  name: zh('义务教育基本均衡发展', 'Basic balanced development'),
  document: '教督〔2012〕3号',
  inclusion: { private: false, teachingPoints: 'exclude' },
  split: standardSplit,
  indicators: [
    { id: 'B1', name: zh('生均教学及辅助用房面积', 'Teaching and auxiliary room area per student'), add: ['teachingAuxArea'], per: '1', unit: squareMetres, resource: zh('教学及辅助用房面积', 'teaching and auxiliary room area'), whole: false },
    { id: 'B2', name: zh('生均体育运动场馆面积', 'Sports ground and hall area per student'), add: ['sportsGroundArea', 'sportsHallArea'], per: '1', unit: squareMetres, resource: zh('体育运动场馆面积', 'sports ground and hall area'), whole: false },
    { id: 'B3', name: zh('生均教学仪器设备值', 'Equipment value per student'), add: ['equipmentValue'], per: '1', unit: yuan, resource: zh('教学仪器设备值', 'equipment value'), whole: false },
    { id: 'B4', name: zh('每百名学生拥有计算机台数', 'Computers per 100 students'), add: ['computers'], per: '100', unit: zh('台', 'computers'), resource: zh('计算机', 'computers'), whole: true },
    { id: 'B5', name: zh('生均图书册数', 'Books per student'), add: ['books'], per: '1', unit: zh('册', 'books'), resource: zh('图书', 'books'), whole: true },
    { id: 'B6', name: zh('师生比', 'Teachers per student'), add: ['fullTime'], per: '1', unit: persons, resource: zh('专任教师', 'full-time teachers'), whole: true },
    { id: 'B7', name: zh('生均高于规定学历教师数', 'Above-qualified teachers per student'), add: ['aboveQualified'], per: '1', unit: persons, resource: zh('高于规定学历教师', 'above-qualified teachers'), whole: true },
    { id: 'B8', name: zh('生均中级及以上专业技术职务教师数', 'Teachers with an intermediate or higher title per student'), add: ['intermediateTitle'], per: '1', unit: persons, resource: zh('中级及以上职称教师', 'teachers with an intermediate or higher title'), whole: true },
  ],
  // unverified: widely cited (0.65 / 0.55) but not found verbatim in the 2012 text; confirm before relying on it
  compositeMax: { primary: '0.65', junior: '0.55' },
};
