import type { Transaction } from 'kysely';
import type { DB, RegionsTable, SchoolStatisticsTable, UnitsTable } from '../platform/db/schema';
import { newId } from '../platform/ids';
import { chinaToday } from '../modules/inspectors/people';
import { quality2017, type Stage } from '../modules/balance/balance.rules';

/**
 * Two school years of statistics for every demo school, made to show what an assessment finds: most counties'
 * schools reach every 2017 standard with a few schools' margins apart (small coefficients); in 恩阳区 one school
 * has too few backbone teachers (the county passes every coefficient but fails the per-school rule); in 通江县 a
 * third of the schools hold four times the equipment (the coefficient fails); in 南江县 one school has over-size
 * classes. The 九年一贯制 and 完全中学 schools are split into sections as the rules say.
 */
const shortBackbone = '511903';
const unevenEquipment = '511921';
const largeClasses = '511922';

type Section = 'primary' | 'junior' | 'senior';
const suffix = { primary: 'Primary', junior: 'Junior', senior: 'Senior' } as const;

/** Each stage's sections with their student weights (the split rules), and how a school's enrolment divides. */
const sectionsOf: Record<string, { section: Section; weight: number; share: number }[]> = {
  primary: [{ section: 'primary', weight: 1, share: 1 }],
  teaching_point: [{ section: 'primary', weight: 1, share: 1 }],
  special: [{ section: 'primary', weight: 1, share: 1 }],
  junior: [{ section: 'junior', weight: 1, share: 1 }],
  nine_year: [{ section: 'primary', weight: 1, share: 0.6 }, { section: 'junior', weight: 1.1, share: 0.4 }],
  complete_secondary: [{ section: 'junior', weight: 1, share: 0.45 }, { section: 'senior', weight: 1.2, share: 0.55 }],
};

const threshold = (id: string, stage: Stage) => Number(quality2017.indicators.find((i) => i.id === id)!.threshold[stage]);
const assessed = (s: Section): s is Stage => s !== 'senior';

export async function seedDemoStatistics(trx: Transaction<DB>, byCode: Map<string, RegionsTable>, units: UnitsTable[], now: Date, rand: () => number): Promise<number> {
  const today = chinaToday(now);
  const month = Number(today.slice(5, 7));
  // The return is taken each autumn: from September the running school year's figures are in.
  const latest = month >= 9 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
  const counties = [...byCode.values()].filter((r) => r.level === 'county');
  const countyOf = (u: UnitsTable) => counties.find((r) => u.region_path.startsWith(r.path))?.code;
  const schools = units.filter((u) => u.kind === 'school' && u.school_code && u.stage && sectionsOf[u.stage]);
  const at = now.toISOString();
  const rows: SchoolStatisticsTable[] = [];
  for (const schoolYear of [latest - 1, latest]) {
    let shortDone = false;
    let largeDone = false;
    schools.forEach((u, index) => {
      const county = countyOf(u);
      // last year a little leaner: the trend shows the counties catching up
      const margin = () => (schoolYear === latest ? 1.06 : 1.01) + rand() * 0.3;
      const enrolment = Math.max(20, u.enrolment ?? 300);
      const sections = sectionsOf[u.stage!].map((s) => ({ ...s, students: Math.round(enrolment * s.share) }));
      const figures: Record<string, string> = {};
      const whole = (n: number) => String(Math.ceil(n));
      const area = (n: number) => n.toFixed(1);
      let shortHere = false;
      if (county === shortBackbone && !shortDone && u.stage === 'primary' && enrolment >= 300) shortDone = shortHere = true;
      let largeHere = false;
      if (county === largeClasses && !largeDone && u.stage === 'primary') largeDone = largeHere = true;
      for (const s of sections) {
        const k = suffix[s.section];
        figures[`students${k}`] = String(s.students);
        const stage: Stage = assessed(s.section) ? s.section : 'junior';
        const per100 = (id: string) => (s.students * threshold(id, stage)) / 100;
        figures[`fullTime${k}`] = whole(s.students / (13 + rand() * 4));
        figures[`aboveQualified${k}`] = whole(per100('Q1') * margin());
        figures[`backbone${k}`] = shortHere ? String(Math.floor(per100('Q2') * 0.7)) : whole(per100('Q2') * margin());
        const art = per100('Q3') * margin();
        figures[`peTeachers${k}`] = whole(art / 2);
        figures[`musicTeachers${k}`] = whole(art / 4);
        figures[`artTeachers${k}`] = whole(art / 4);
        figures[`intermediateTitle${k}`] = whole(Number(figures[`fullTime${k}`]) * (0.35 + rand() * 0.2));
        if (assessed(s.section)) {
          const classes = Math.ceil(s.students / 42);
          figures[`classes${k}`] = String(classes);
          figures[`largestClass${k}`] = String(largeHere ? 56 : Math.min(s.section === 'primary' ? 45 : 50, 38 + Math.floor(rand() * 7)));
        }
      }
      // A facility is the school's whole: sized so each section's weighted share reaches its stage's standard.
      const weighted = sections.reduce((n, s) => n + s.students * s.weight, 0);
      const perWeighted = (id: string) => Math.max(...sections.filter((s) => assessed(s.section)).map((s) => threshold(id, s.section as Stage) / s.weight));
      const indoor = weighted * 0.3;
      figures.indoorSportsRoomArea = area(indoor);
      figures.teachingAuxArea = area(weighted * perWeighted('Q4') * margin() + indoor);
      figures.sportsGroundArea = area(weighted * perWeighted('Q5') * margin());
      figures.sportsHallArea = '0';
      const richer = county === unevenEquipment && index % 3 === 0 ? 4 : 1;
      figures.equipmentValue = String(Math.ceil(weighted * perWeighted('Q6') * margin() * richer));
      figures.multimediaRooms = whole((weighted * perWeighted('Q7') * margin()) / 100);
      figures.books = whole(weighted * (30 + rand() * 10));
      figures.computers = whole((weighted * (12 + rand() * 6)) / 100);
      const classes = sections.reduce((n, s) => n + Number(figures[`classes${suffix[s.section]}`] ?? 0), 0);
      figures.musicRooms = whole(Math.max(1, classes / 12));
      figures.artRooms = whole(Math.max(1, classes / 12));
      rows.push({ id: newId(), unit_id: u.id, school_year: schoolYear, region_path: u.region_path, figures: JSON.stringify(figures), updated_by: null, created_at: at, updated_at: at });
    });
  }
  for (let i = 0; i < rows.length; i += 200) await trx.insertInto('school_statistics').values(rows.slice(i, i + 200)).execute();
  return rows.length;
}
