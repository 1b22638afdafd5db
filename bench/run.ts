/**
 * Benchmarks at city scale (SPEC §3) for what the platform serves today: a county office listing its
 * schools, paged and sorted, with each school's region name; the audited write path; and SPEC §3's budget:
 * a county's open problems by deadline among 200,000, the dashboard counts, a rectification write, and the
 * ledger of 100,000 items exported to .xlsx (time and how much the process grows meanwhile).
 * Run: npm run bench  (SQLite; set BENCH_DATABASE_URL=postgres://… for PostgreSQL).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { loadConfig } from '../server/platform/config';
import { createDatabase } from '../server/platform/db/database';
import { migrateToLatest } from '../server/platform/db/migrate';
import { createPlatform } from '../server/platform/platform';
import { systemClock } from '../server/platform/clock';
import { buildApp } from '../server/app';
import { seedDemo, DEMO_PASSWORD } from '../server/seed/demo';
import { newId } from '../server/platform/ids';
import { sql } from 'kysely';
import { assessQuality, type SchoolRow } from '../server/modules/balance/balance.engine';

const SCHOOLS = 2000;

/** A primary school of the province-scale engine run, its figures varied by its number and the year. */
function benchSchool(n: number, year: number): SchoolRow {
  const students = 200 + ((n * 7 + year) % 900);
  return {
    unitId: `s${n}`, code: String(2151000000 + n), name: `基准学校${n}`, kind: 'primary', private: false,
    students: { primary: students },
    teachers: { primary: { aboveQualified: Math.ceil(students / 18), backbone: Math.ceil(students / 80), peTeachers: 3, musicTeachers: 2, artTeachers: 2 } },
    facilities: { teachingAuxArea: `${students * 5 + (n % 97)}.5`, indoorSportsRoomArea: 200, sportsGroundArea: students * 8 + (n % 500), sportsHallArea: 0, equipmentValue: students * 2100 + n * 37, multimediaRooms: Math.ceil(students / 40) },
    classes: { primary: { count: Math.ceil(students / 42), largest: 44 } },
    artRooms: { music: 2, art: 2 },
  };
}

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dudao-bench-'));
  const pgUrl = process.env.BENCH_DATABASE_URL;
  const schema = pgUrl ? `bench_${randomBytes(4).toString('hex')}` : undefined;
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
  }
  const url = pgUrl ?? `sqlite:${path.join(dir, 'bench.db')}`;
  const config = loadConfig({ DATABASE_URL: url, FILES_DIR: path.join(dir, 'files'), AUDIT_CHECKPOINT_DIR: path.join(dir, 'audit-checkpoints'), AUDIT_HMAC_KEY: 'bench-audit-key-0123456789', LOG_LEVEL: 'silent', WEB_DIST: path.join(dir, 'web') });
  const database = createDatabase(url, { schema });
  await migrateToLatest(database);
  const platform = createPlatform(config, database, systemClock);
  await seedDemo(platform);

  // Grow the demo city to 2,000 schools spread over its townships.
  const towns = await database.db.selectFrom('regions').select(['id', 'path']).where('level', '=', 'township').execute();
  const existing = Number((await database.db.selectFrom('units').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  const now = new Date().toISOString();
  const rows = Array.from({ length: Math.max(0, SCHOOLS - existing) }, (_, i) => {
    const town = towns[i % towns.length];
    return {
      id: newId(), name: `基准学校${i}（演示）`, kind: 'school', region_id: town.id, region_path: town.path, school_code: `21${String(7000000000 + i).slice(2)}`,
      stage: 'primary', ownership: 'public', enrolment: i % 1500, staff_count: 20, address: null, contact_phone: null, synthetic: 1, active: 1, created_at: now, updated_at: now,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await database.db.insertInto('units').values(rows.slice(i, i + 500)).execute();

  const app = await buildApp(platform, { logger: false });
  await app.ready();
  const signIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'bazhou', password: DEMO_PASSWORD }) });
  const cookie = String([signIn.headers['set-cookie']].flat()[0]).split(';')[0];
  const csrf = JSON.parse(signIn.body).csrfToken as string;
  const unitId = JSON.parse((await app.inject({ method: 'GET', url: '/api/units?pageSize=1', headers: { cookie } })).body).items[0].id;

  async function measure(label: string, n: number, run: (i: number) => Promise<unknown>) {
    for (let i = 0; i < Math.min(50, n); i += 1) await run(i);
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i += 1) await run(i);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    console.log(`${label.padEnd(62)} ${(ms / n).toFixed(3)} ms/op  ${Math.round((n * 1000) / ms)} op/s`);
  }

  console.log(`engine ${database.dialect}, ${SCHOOLS} schools`);
  await measure('county list: schools sorted by name, page 3 of 20 (HTTP, in-process)', 500, () =>
    app.inject({ method: 'GET', url: '/api/units?kind=school&sort=name&page=3&pageSize=20', headers: { cookie } }));
  await measure('county list: keyword search (HTTP, in-process)', 500, (i) =>
    app.inject({ method: 'GET', url: `/api/units?q=${encodeURIComponent(`基准学校${i % 100}`)}`, headers: { cookie } }));
  await measure('audited write: update one unit with its audit entry (HTTP)', 300, (i) =>
    app.inject({ method: 'PATCH', url: `/api/units/${unitId}`, headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, payload: JSON.stringify({ address: `基准路${i}号` }) }));

  // SPEC §3 at city scale: 200,000 problems over the schools, and 100,000 rectification items, spread over the
  // schools and a few deadlines so that lights, counts and sorting have real work to do.
  const PROBLEMS = 200_000;
  const LEDGER = 100_000;
  const city = await database.db.selectFrom('regions').select(['id', 'path']).where('code', '=', '511900').executeTakeFirstOrThrow();
  const schools = await database.db.selectFrom('units').select(['id', 'region_id', 'region_path']).where('kind', '=', 'school').execute();
  const areas = ['leadership', 'investment', 'preschool', 'compulsory', 'teachers', 'safety', 'conduct'];
  const base = Date.now();
  const day = (offset: number) => new Date(base + offset * 86_400_000).toISOString().slice(0, 10);
  for (let i = 0; i < PROBLEMS; i += 500) {
    await database.db.insertInto('problems').values(Array.from({ length: Math.min(500, PROBLEMS - i) }, (_, k) => {
      const n = i + k;
      const school = schools[n % schools.length];
      const at = new Date(base - n * 1000).toISOString();
      const description = `基准问题${n}：校舍安全隐患排查整改不到位`;
      return {
        id: newId(), source: 'visit', area: areas[n % areas.length], severity: 'medium', status: n % 3 === 0 ? 'closed' : n % 3 === 1 ? 'open' : 'rectifying',
        region_id: school.region_id, region_path: school.region_path, unit_id: school.id, task_id: null, visit_id: null, item_key: null, description,
        found_by: '基准督导组', found_by_account_id: null, found_on: day(-200 + (n % 180)), deadline: day(-60 + (n % 120)),
        recurrence_key: `text:${areas[n % areas.length]}:${description}`, recurring_of_id: null, created_at: at, updated_at: at,
      };
    })).execute();
  }
  for (let i = 0; i < LEDGER; i += 500) {
    await database.db.insertInto('rectifications').values(Array.from({ length: Math.min(500, LEDGER - i) }, (_, k) => {
      const n = i + k;
      const owner = schools[n % schools.length];
      const at = new Date(base - n * 1000).toISOString();
      const deadline = day(-30 + (n % 60));
      return {
        id: newId(), origin: 'notice', notice_id: null, notice_item_id: null, problem_id: null, task_id: null, unit_id: owner.id, region_id: owner.region_id,
        region_path: owner.region_path, office_region_id: city.id, office_region_path: city.path, demand: `基准整改事项${n}：对照问题清单逐项整改到位并报送佐证材料`,
        responsible_person: '分管副县长', measures: null, deadline, original_deadline: deadline, status: ['pending', 'in_progress', 'submitted', 'signed_off'][n % 4], percent: 50, grade: null,
        first_submitted_at: null, submitted_at: null, sent_back_count: 0, verified_at: null, verified_by: null, verification_method: null, verification_visit_id: null,
        verification_note: null, signed_off_at: null, signed_off_by: null, reopened_count: 0, created_at: at, updated_at: at,
      };
    })).execute();
  }
  // Fresh statistics, as a database that has been running has.
  await sql`analyze`.execute(database.db);

  await measure(`county list: open problems by deadline, page 1 (of ${PROBLEMS / 1000}k, HTTP)`, 500, () =>
    app.inject({ method: 'GET', url: '/api/problems?status=open&sort=deadline&order=asc&pageSize=20', headers: { cookie } }));

  const citySignIn = await app.inject({ method: 'POST', url: '/api/auth/sign-in', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ username: 'city', password: DEMO_PASSWORD }) });
  const cityCookie = String([citySignIn.headers['set-cookie']].flat()[0]).split(';')[0];
  await measure(`city dashboard: light counts, unchanged since last read (of ${LEDGER / 1000}k)`, 200, () =>
    app.inject({ method: 'GET', url: '/api/rectification-overview', headers: { cookie: cityCookie } }));
  // Any audited write makes the next read count afresh: this is the cost of a dashboard after a change.
  await measure(`city dashboard: counted afresh after an audited write (of ${LEDGER / 1000}k)`, 20, async (i) => {
    await app.inject({ method: 'PATCH', url: `/api/units/${unitId}`, headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, payload: JSON.stringify({ address: `基准路${i}号` }) });
    return app.inject({ method: 'GET', url: '/api/rectification-overview', headers: { cookie: cityCookie } });
  });
  const bazhouPath = (await database.db.selectFrom('regions').select('path').where('code', '=', '511902').executeTakeFirstOrThrow()).path;
  const owned = await database.db.selectFrom('rectifications').select('id').where('region_path', 'like', `${bazhouPath}%`).where('status', 'in', ['pending', 'in_progress']).limit(400).execute();
  const planWrite = (i: number) =>
    app.inject({ method: 'POST', url: `/api/rectifications/${owned[i % owned.length].id}/plan`, headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'application/json' }, payload: JSON.stringify({ responsiblePerson: '分管副区长', measures: `第${i}次调整整改措施` }) });
  await measure('rectification write: a plan with its timeline entry and audit (HTTP)', 300, planWrite);

  // Throughput with several clients at once, as a server sees them: on PostgreSQL commits overlap (the audit
  // chain's head row is the one point they queue on); SQLite writes one at a time whatever the clients.
  const clients = 8;
  const writes = 600;
  let next = 0;
  const started8 = process.hrtime.bigint();
  await Promise.all(Array.from({ length: clients }, async () => {
    for (let i = next++; i < writes; i = next++) await planWrite(i);
  }));
  const ms8 = Number(process.hrtime.bigint() - started8) / 1e6;
  console.log(`${`rectification writes, ${clients} clients at once (HTTP)`.padEnd(62)} ${Math.round((writes * 1000) / ms8)} op/s`);

  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss); }, 20);
  const started = process.hrtime.bigint();
  const exported = await app.inject({ method: 'GET', url: '/api/rectifications/export', headers: { cookie: cityCookie } });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  console.log(`${`ledger export: ${LEDGER} rectification items to .xlsx (HTTP, in-process)`.padEnd(62)} ${seconds.toFixed(1)} s  ${(exported.rawPayload.length / 1e6).toFixed(1)} MB file  process grew ${((rssPeak - rssBefore) / 1e6).toFixed(0)} MB`);

  // Balanced development: a county's report and the city's comparison over the demo's two school years, then
  // the engine alone at a province's scale (SPEC's budget: 20,000 schools over three school years in 2 s).
  const enyang = (await database.db.selectFrom('regions').select('id').where('code', '=', '511903').executeTakeFirstOrThrow()).id;
  const schoolYear = (await database.db.selectFrom('school_statistics').select((eb) => eb.fn.max('school_year').as('y')).executeTakeFirstOrThrow()).y;
  await measure('balance: a county\'s assessment report (HTTP)', 100, () =>
    app.inject({ method: 'GET', url: `/api/balance/assessment?regionId=${enyang}&schoolYear=${schoolYear}`, headers: { cookie: cityCookie } }));
  await measure('balance: the city\'s counties compared over two school years (HTTP)', 20, () =>
    app.inject({ method: 'GET', url: `/api/balance/comparison?regionId=${city.id}`, headers: { cookie: cityCookie } }));
  const provinceStarted = process.hrtime.bigint();
  for (let year = 0; year < 3; year += 1) {
    for (let county = 0; county < 200; county += 1) {
      assessQuality(Array.from({ length: 100 }, (_, i) => benchSchool(county * 100 + i, year)));
    }
  }
  console.log(`${'balance: engine over 20,000 schools × 3 school years (in-process)'.padEnd(62)} ${(Number(process.hrtime.bigint() - provinceStarted) / 1e9).toFixed(1)} s`);

  await app.close();
  await database.close();
  if (pgUrl) {
    const c = new pg.Client({ connectionString: pgUrl });
    await c.connect();
    await c.query(`drop schema ${schema} cascade`);
    await c.end();
  }
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
