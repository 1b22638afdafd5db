import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * The office overview's counts, kept as the items change (SPEC §3: the dashboard within 10 ms, which a
 * GROUP BY over a city's items does not reach). One row per owner unit, place, supervising office, status and
 * — while work is owed (pending, in progress) — deadline, since the traffic light is read from the deadline
 * and today's date; for every other status the deadline is '' and a unit's finished items fold into one row.
 * Triggers keep the rows in the writing transaction on both engines, whoever writes (the state machine, the
 * notice's issue and withdrawal, the seed, an import), so the counts cannot drift from the items.
 */
const key = ['unit_id', 'region_path', 'office_region_path', 'status', 'deadline'] as const;

export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  const pathColumn = dialect === 'postgres' ? sql`text collate "C"` : sql`text`;
  await db.schema
    .createTable('rectification_tallies')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('region_path', pathColumn, (c) => c.notNull())
    .addColumn('office_region_path', pathColumn, (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('rectification_tallies_key', [...key])
    .execute();
  await db.schema.createIndex('rectification_tallies_place').on('rectification_tallies').columns(['region_path', 'status']).execute();
  await db.schema.createIndex('rectification_tallies_office').on('rectification_tallies').columns(['office_region_path', 'status']).execute();

  // The statements are fixed text (no input reaches them), written once for both engines' trigger bodies.
  const tallyDeadline = (row = '') => `case when ${row}status in ('pending', 'in_progress') then ${row}deadline else '' end`;
  const keyOf = (row: 'new.' | 'old.' | '') => key.map((k) => (k === 'deadline' ? tallyDeadline(row) : `${row}${k}`));
  const columns = key.join(', ');
  const oldKey = key.map((k, i) => `${k} = (${keyOf('old.')[i]})`).join(' and ');
  const add = sql.raw(`insert into rectification_tallies (${columns}, n) values (${keyOf('new.').join(', ')}, 1)
    on conflict (${columns}) do update set n = rectification_tallies.n + 1`);
  const remove = sql.raw(`update rectification_tallies set n = n - 1 where ${oldKey};
    delete from rectification_tallies where n = 0 and ${oldKey}`);
  const keyChanged = sql.raw(key.map((k) => `old.${k} is distinct from new.${k}`).join(' or '));

  if (dialect === 'postgres') {
    await sql`create function rectification_tallies_follow() returns trigger language plpgsql as $$
      begin
        if tg_op = 'UPDATE' and not (${keyChanged}) then return null; end if;
        if tg_op in ('UPDATE', 'DELETE') then ${remove}; end if;
        if tg_op in ('INSERT', 'UPDATE') then ${add}; end if;
        return null;
      end $$`.execute(db);
    await sql`create trigger rectification_tallies_follow after insert or delete or update of ${sql.raw(columns)}
      on rectifications for each row execute function rectification_tallies_follow()`.execute(db);
  } else {
    await sql`create trigger rectification_tallies_insert after insert on rectifications begin ${add}; end`.execute(db);
    await sql`create trigger rectification_tallies_delete after delete on rectifications begin ${remove}; end`.execute(db);
    await sql`create trigger rectification_tallies_update after update of ${sql.raw(columns)} on rectifications
      when ${keyChanged} begin ${remove}; ${add}; end`.execute(db);
  }

  const current = keyOf('').join(', ');
  await sql.raw(`insert into rectification_tallies (${columns}, n) select ${current}, count(*) from rectifications group by ${current}`).execute(db);
}
