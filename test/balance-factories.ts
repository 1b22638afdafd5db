import type { SchoolStatisticsTable, UnitsTable } from '../server/platform/db/schema';
import { newId } from '../server/platform/ids';
import type { TestWorld } from './databases';
import { sheetOf } from './xlsx';

/** A primary school's year as an office would report it: 300 students and figures that meet every threshold. */
export const primaryFigures = (over: Record<string, string> = {}): Record<string, string> => ({
  studentsPrimary: '300', fullTimePrimary: '20', aboveQualifiedPrimary: '15', backbonePrimary: '4', peTeachersPrimary: '1', musicTeachersPrimary: '1', artTeachersPrimary: '1',
  classesPrimary: '8', largestClassPrimary: '42', teachingAuxArea: '1500', indoorSportsRoomArea: '100', sportsGroundArea: '2400', sportsHallArea: '0', equipmentValue: '650000',
  multimediaRooms: '8', books: '9000', computers: '40', ...over,
});

/** A school's statistics of a year, as the import would have stored them. */
export async function makeStatistic(world: TestWorld, unit: UnitsTable, schoolYear: number, figures = primaryFigures()): Promise<SchoolStatisticsTable> {
  const now = world.clock.now().toISOString();
  const row: SchoolStatisticsTable = { id: newId(), unit_id: unit.id, school_year: schoolYear, region_path: unit.region_path, figures: JSON.stringify(figures), updated_by: null, created_at: now, updated_at: now };
  await world.platform.database.db.insertInto('school_statistics').values(row).execute();
  return row;
}

export const statisticHeader = ['学校标识码*', '学校名称', '小学在校生数（有学籍）', '小学专任教师数', '图书册数', '教学仪器设备值（元）', '教学仪器设备值（万元）'];

/** A statistics sheet in the template's headers, one row per school: [code, name, students, teachers, books, yuan, 万元]. */
export const statisticSheet = (rows: (string | number | null)[][]) => sheetOf(statisticHeader, rows);
