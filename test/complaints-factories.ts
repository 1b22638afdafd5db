import type { ComplaintsTable, RegionsTable, UnitsTable } from '../server/platform/db/schema';
import { newId } from '../server/platform/ids';
import { codeHash, encryptIdentity, newTrackingCode, proofHolds } from '../server/modules/complaints/complaints.secrets';
import type { TestWorld } from './databases';
import type { Client } from './http';

/** What the browser does: the first counter whose hash reaches the challenge's zero bits. */
export function solveChallenge(token: string): string {
  for (let n = 0; ; n++) if (proofHolds(token, String(n))) return String(n);
}

/** A solved challenge, fresh from the server. */
export async function solvedChallenge(client: Client): Promise<{ challenge: string; solution: string }> {
  const { token } = (await client.get('/api/public/challenge')).body;
  return { challenge: token, solution: solveChallenge(token) };
}

/** A complaint as the public form files it (a named one about a unit unless told otherwise). */
export async function fileComplaint(client: Client, fields: Record<string, unknown>) {
  return client.post('/api/public/complaints', {
    ...(await solvedChallenge(client)), category: 'fees', description: '学校向学生收取资料费每人两百元', privacy: 'office', name: '张三', phone: '13812341234', ...fields,
  });
}

/** A complaint stored as a filing would have left it, held by `region`'s office, with its tracking code. */
export async function makeComplaint(world: TestWorld, opts: { region: RegionsTable; unit?: UnitsTable; status?: string; name?: string }): Promise<ComplaintsTable & { trackingCode: string }> {
  const key = world.config.complaintKey;
  const now = world.clock.now().toISOString();
  const trackingCode = newTrackingCode();
  const row: ComplaintsTable = {
    id: newId(), code_hash: codeHash(trackingCode)!, challenge_nonce: null, region_id: opts.region.id, region_path: opts.region.path,
    unit_id: opts.unit?.id ?? null, unit_text: null, category: 'fees', description: '违规收取资料费', happened_on: null, privacy: 'office',
    name_cipher: encryptIdentity(key, opts.name ?? '李四'), phone_cipher: encryptIdentity(key, '13900001111'),
    status: opts.status ?? 'received', acknowledge_due: '2026-03-05', handle_due: opts.status && opts.status !== 'received' ? '2026-03-20' : null,
    merged_into_id: null, satisfaction: null, reopened: 0, created_at: now, updated_at: now,
  };
  await world.platform.database.db.insertInto('complaints').values(row).execute();
  return { ...row, trackingCode };
}
