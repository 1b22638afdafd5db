/**
 * Table types as the application sees them. Portable column choices (docs/sql-dialects.md):
 * text ids, 0/1 integers for booleans, ISO-8601 UTC text for instants, JSON as text.
 */
export interface RegionsTable {
  id: string;
  code: string;
  name: string;
  level: string;
  parent_id: string | null;
  /** Materialised path of ids, '/root/…/self/': a subtree is one indexed prefix match. */
  path: string;
  depth: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface UnitsTable {
  id: string;
  name: string;
  kind: string;
  region_id: string;
  /** Copy of the region's path, so unit scope needs no join. */
  region_path: string;
  school_code: string | null;
  stage: string | null;
  ownership: string | null;
  enrolment: number | null;
  staff_count: number | null;
  address: string | null;
  contact_phone: string | null;
  synthetic: number;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface AccountsTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: string;
  scope_region_id: string | null;
  scope_unit_id: string | null;
  phone: string | null;
  locale: string;
  must_change_password: number;
  password_changed_at: string;
  failed_attempts: number;
  locked_until: string | null;
  last_sign_in_at: string | null;
  active: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 of the cookie token; the token itself is never stored. */
  id: string;
  account_id: string;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
}

export interface AuditLogTable {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity_type: string | null;
  entity_id: string | null;
  success: number;
  ip: string | null;
  request_id: string | null;
  detail: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface FilesTable {
  id: string;
  sha256: string;
  size: number;
  mime: string;
  name: string;
  entity_type: string;
  entity_id: string;
  region_path: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface DB {
  regions: RegionsTable;
  units: UnitsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  files: FilesTable;
  settings: SettingsTable;
}
