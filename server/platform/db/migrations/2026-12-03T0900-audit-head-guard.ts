import { sql, type Kysely } from 'kysely';
import type { Dialect } from '../database';

/**
 * The audit chain's head is protected as the log is: it only moves forward and cannot be deleted, so cutting
 * entries off the end also needs the triggers dropped (which the signed checkpoints outside the database catch).
 */
export async function up(db: Kysely<any>, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    await sql`create function audit_head_forward_only() returns trigger language plpgsql as $$
      begin
        if tg_op = 'DELETE' or new.seq < old.seq or (new.seq = old.seq and new.hash <> old.hash) then
          raise exception 'audit_head only moves forward';
        end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger audit_head_forward before update or delete on audit_head
      for each row execute function audit_head_forward_only()`.execute(db);
  } else {
    await sql`create trigger audit_head_no_rewind before update on audit_head
      when new.seq < old.seq or (new.seq = old.seq and new.hash <> old.hash)
      begin select raise(abort, 'audit_head only moves forward'); end`.execute(db);
    await sql`create trigger audit_head_no_delete before delete on audit_head
      begin select raise(abort, 'audit_head only moves forward'); end`.execute(db);
  }
}
