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
  email: string | null;
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

/** Addresses an account has signed in from (a new one is told to the account's owner). */
export interface AccountAddressesTable {
  account_id: string;
  ip: string;
  first_seen_at: string;
  last_seen_at: string;
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

export interface InspectorsTable {
  id: string;
  name: string;
  gender: string | null;
  id_number: string | null;
  phone: string | null;
  account_id: string | null;
  level: string;
  employment: string;
  employer: string | null;
  title: string | null;
  /** JSON array of text. */
  specialties: string;
  qualifications: string | null;
  region_id: string;
  /** The appointing office's region path. */
  region_path: string;
  recommended_level: string | null;
  recommended_on: string | null;
  dismissed_on: string | null;
  dismissal_reason: string | null;
  synthetic: number;
  created_at: string;
  updated_at: string;
}

export interface InspectorTermsTable {
  id: string;
  inspector_id: string;
  region_path: string;
  term_number: number;
  authority: string;
  start_date: string;
  end_date: string;
  certificate_no: string | null;
  created_at: string;
  updated_at: string;
}

export interface InspectorAssessmentsTable {
  id: string;
  inspector_id: string;
  region_path: string;
  year: number;
  grade: string;
  remarks: string | null;
  created_at: string;
}

export interface InspectorRewardsTable {
  id: string;
  inspector_id: string;
  region_path: string;
  kind: string;
  date: string;
  title: string;
  issuer: string | null;
  remarks: string | null;
  created_at: string;
}

export interface InspectorTrainingsTable {
  id: string;
  inspector_id: string;
  region_path: string;
  date: string;
  topic: string;
  hours: number;
  organizer: string | null;
  created_at: string;
}

export interface ResponsibleAssignmentsTable {
  id: string;
  unit_id: string;
  inspector_id: string;
  /** The school's region path. */
  region_path: string;
  start_date: string;
  /** Null while current. */
  end_date: string | null;
  created_at: string;
}

export interface ResponsibleVisitsTable {
  id: string;
  unit_id: string;
  inspector_id: string;
  region_path: string;
  date: string;
  /** JSON arrays of routine-item and method keys. */
  items: string;
  methods: string;
  findings: string | null;
  feedback_given: number;
  recorded_by: string | null;
  created_at: string;
}

export interface ExpertsTable {
  id: string;
  name: string;
  id_number: string | null;
  phone: string | null;
  account_id: string | null;
  specialties: string;
  employer_unit_id: string | null;
  employer_name: string | null;
  title: string | null;
  region_id: string;
  region_path: string;
  available: number;
  remarks: string | null;
  synthetic: number;
  created_at: string;
  updated_at: string;
}

export interface ExpertRelationsTable {
  id: string;
  expert_id: string;
  unit_id: string;
  relation: string;
  created_at: string;
}

export interface ReviewsTable {
  id: string;
  title: string;
  region_id: string;
  region_path: string;
  reviewed_unit_id: string | null;
  task_id: string | null;
  start_date: string;
  end_date: string;
  location: string | null;
  fees_settled_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReviewDrawsTable {
  id: string;
  review_id: string;
  region_path: string;
  seq: number;
  specialty: string | null;
  requested: number;
  algorithm: string;
  /** Hex of the random seed; with the candidates and exclusions anyone can repeat the draw. */
  seed: string;
  /** JSON: candidate ids sorted; exclusions [{expertId, reason}]; result ids in draw order. */
  candidates: string;
  exclusions: string;
  result: string;
  replaces: string | null;
  drawn_by: string | null;
  drawn_at: string;
}

export interface ReviewExpertsTable {
  id: string;
  review_id: string;
  expert_id: string;
  draw_id: string | null;
  region_path: string;
  role: string;
  status: string;
  decline_reason: string | null;
  half_days: number;
  travelling: number;
  created_at: string;
  updated_at: string;
}

export interface FeeRatesTable {
  id: string;
  region_id: string;
  region_path: string;
  effective_from: string;
  period: string;
  role: string;
  locality: string;
  amount_fen: number;
  created_at: string;
}

export interface FeeItemsTable {
  id: string;
  review_id: string;
  expert_id: string;
  /** The review's region path (the scope). */
  region_path: string;
  /** The paying office's region path: the key of the monthly merge for withholding. */
  payer_path: string;
  year: number;
  paid_on: string;
  role: string;
  travelling: number;
  half_days: number;
  gross_fen: number;
  tax_fen: number;
  net_fen: number;
  created_at: string;
}

export interface CommitteeMembersTable {
  id: string;
  region_id: string;
  region_path: string;
  unit_id: string;
  role: string;
  representative: string | null;
  representative_title: string | null;
  representative_phone: string | null;
  joined_on: string;
  left_on: string | null;
  remarks: string | null;
  created_at: string;
  updated_at: string;
}

export interface SupervisionPlansTable {
  id: string;
  region_id: string;
  region_path: string;
  year: number;
  title: string;
  description: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface SupervisionTasksTable {
  id: string;
  plan_id: string;
  region_id: string;
  region_path: string;
  kind: string;
  title: string;
  /** JSON array of basis documents: [{ title, docNo? }]. */
  basis: string;
  description: string | null;
  start_date: string;
  end_date: string;
  rounds: number;
  lead_account_id: string | null;
  checklist_template_id: string | null;
  status: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TaskTeamsTable {
  id: string;
  task_id: string;
  region_path: string;
  name: string;
  leader_account_id: string;
  created_at: string;
  updated_at: string;
}

export interface TaskTeamMembersTable {
  id: string;
  team_id: string;
  task_id: string;
  account_id: string;
  role: string;
  created_at: string;
}

/** An inspector or an expert on a team by their record (exactly one of the two ids is set). */
export interface TaskTeamPeopleTable {
  id: string;
  team_id: string;
  task_id: string;
  region_path: string;
  inspector_id: string | null;
  expert_id: string | null;
  created_at: string;
}

export interface TermReminderLogTable {
  term_id: string;
  /** e.g. 60:2026-12-31 — the reminder 60 days before that end date. */
  stage: string;
  sent_at: string;
}

export interface TaskTargetsTable {
  id: string;
  task_id: string;
  team_id: string | null;
  /** 'unit' (school, institution, department) or 'region' (a township). */
  kind: string;
  unit_id: string | null;
  target_region_id: string | null;
  region_path: string;
  created_at: string;
}

export interface ChecklistTemplatesTable {
  id: string;
  code: string;
  version: number;
  title: string;
  description: string | null;
  /** JSON array of items; a version row never changes once written. */
  items: string;
  region_id: string | null;
  region_path: string | null;
  superseded: number;
  created_by: string | null;
  created_at: string;
}

export interface SchoolStatisticsTable {
  id: string;
  unit_id: string;
  /** The school year by its first calendar year: 2020 is the 2020–2021 school year (2020学年). */
  school_year: number;
  /** Copied from the school's region, so a county's rows are one indexed range. */
  region_path: string;
  /** JSON object of decimal text by figure key (balance.statistics.ts). */
  figures: string;
  updated_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ComplaintCategoriesTable {
  key: string;
  name_zh: string;
  name_en: string;
  sort: number;
  active: number;
}

export interface ComplaintsTable {
  id: string;
  /** SHA-256 of the tracking code; the code itself is shown once to the complainant and never stored. */
  code_hash: string;
  /** The proof-of-work nonce the filing spent (unique: one solved challenge files once). */
  challenge_nonce: string | null;
  /** The office holding the complaint: its region, and that region's path for the scope. */
  region_id: string;
  region_path: string;
  unit_id: string | null;
  /** The unit as the complainant wrote it, when it was not picked from the list. */
  unit_text: string | null;
  category: string;
  description: string;
  happened_on: string | null;
  /** anonymous | office | office_and_unit: who the complainant lets know their identity. */
  privacy: string;
  /** AES-256-GCM ciphertext (complaints.identity.ts). */
  name_cipher: string | null;
  phone_cipher: string | null;
  status: string;
  acknowledge_due: string;
  handle_due: string | null;
  merged_into_id: string | null;
  satisfaction: string | null;
  /** 1 once a "not satisfied" reopened it: it reopens only once. */
  reopened: number;
  created_at: string;
  updated_at: string;
}

export interface ComplaintEventsTable {
  id: string;
  complaint_id: string;
  step: string;
  /** The staff account; null for the complainant's own steps. */
  actor_id: string | null;
  /** What the complainant sees under the tracking code. */
  public_text: string | null;
  /** What only the office sees. */
  internal_note: string | null;
  created_at: string;
}

export interface ComplaintProblemsTable {
  complaint_id: string;
  problem_id: string;
}

export interface IndicatorFrameworksTable {
  id: string;
  /** The versions of one framework share a family. */
  family: string;
  version: number;
  title: string;
  description: string | null;
  region_id: string | null;
  region_path: string | null;
  /** draft | published; a published row never changes. */
  status: string;
  /** Full marks in hundredths; the top-level indicators add up to it. */
  total_points: number;
  /** JSON array of FrameworkNode (indicators.contract.ts), parents before children. */
  nodes: string;
  /** JSON of FrameworkRules (indicators.engine.ts). */
  rules: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface VisitsTable {
  id: string;
  task_id: string;
  target_id: string;
  team_id: string | null;
  unit_id: string | null;
  target_region_id: string | null;
  region_path: string;
  round: number;
  visit_date: string;
  status: string;
  checklist_template_id: string | null;
  /** JSON: reports heard, data verified, documents checked, meetings, interviews. */
  activities: string;
  meetings_count: number;
  interviewed_count: number;
  findings: string | null;
  recorded_by: string;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface VisitAnswersTable {
  visit_id: string;
  item_key: string;
  /** JSON of the answer's value. */
  value: string;
  failing: number;
  note: string | null;
}

export interface VisitEvidenceTable {
  id: string;
  visit_id: string;
  file_id: string;
  item_key: string | null;
  client_key: string;
  captured_at: string | null;
  latitude: number | null;
  longitude: number | null;
  created_at: string;
}

export interface ProblemAreasTable {
  key: string;
  name_zh: string;
  name_en: string;
  sort: number;
  active: number;
}

export interface ProblemsTable {
  id: string;
  source: string;
  area: string;
  severity: string;
  status: string;
  region_id: string;
  region_path: string;
  unit_id: string | null;
  task_id: string | null;
  visit_id: string | null;
  item_key: string | null;
  description: string;
  found_by: string;
  found_by_account_id: string | null;
  found_on: string;
  deadline: string | null;
  recurrence_key: string;
  recurring_of_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface RecommendationsTable {
  id: string;
  area: string;
  region_id: string;
  region_path: string;
  unit_id: string | null;
  task_id: string | null;
  visit_id: string | null;
  content: string;
  proposed_by: string;
  proposed_by_account_id: string | null;
  proposed_on: string;
  created_at: string;
}

export interface NoticeTypesTable {
  key: string;
  name_zh: string;
  name_en: string;
  /** Null: a national type; otherwise the office that added it (visible to it and the offices below). */
  region_id: string | null;
  region_path: string | null;
  sort: number;
  active: number;
  created_at: string;
}

export interface DocumentNumberPatternsTable {
  id: string;
  region_id: string;
  region_path: string;
  type_key: string;
  /** e.g. 巴市教督办〔{year}〕{n}号 */
  pattern: string;
  updated_at: string;
}

export interface DocumentCountersTable {
  region_id: string;
  type_key: string;
  year: number;
  last_number: number;
}

export interface NoticesTable {
  id: string;
  /** The issuing office's region. */
  region_id: string;
  region_path: string;
  issuer_name: string;
  type_key: string;
  title: string;
  body: string;
  /** JSON [{ title, docNo }] */
  basis: string;
  status: string;
  task_id: string | null;
  escalated_from: string | null;
  doc_number: string | null;
  doc_year: number | null;
  doc_seq: number | null;
  printed_by: string | null;
  drafted_by: string;
  submitted_at: string | null;
  approved_by: string | null;
  approved_at: string | null;
  approval_note: string | null;
  issued_by: string | null;
  issued_at: string | null;
  issue_date: string | null;
  closed_at: string | null;
  withdrawn_at: string | null;
  withdrawn_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface NoticeRecipientsTable {
  id: string;
  notice_id: string;
  unit_id: string;
  /** The recipient unit's region path. */
  region_path: string;
  /** main (主送) or copy (抄送) */
  kind: string;
  sort: number;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  acknowledged_by_name: string | null;
  replied_at: string | null;
}

export interface NoticeItemsTable {
  id: string;
  notice_id: string;
  seq: number;
  demand: string;
  deadline: string;
  /** JSON array of main-recipient unit ids; null: every main recipient. */
  unit_ids: string | null;
}

export interface NoticeItemProblemsTable {
  item_id: string;
  problem_id: string;
}

export interface NoticeRepliesTable {
  id: string;
  notice_id: string;
  recipient_id: string;
  unit_id: string;
  region_path: string;
  body: string;
  replied_by: string;
  replied_by_name: string;
  replied_at: string;
}

export interface RectificationsTable {
  id: string;
  /** notice (an item × a unit) or problem (a problem put under rectification) */
  origin: string;
  notice_id: string | null;
  notice_item_id: string | null;
  problem_id: string | null;
  task_id: string | null;
  unit_id: string;
  region_id: string;
  /** The owner unit's region path. */
  region_path: string;
  office_region_id: string;
  office_region_path: string;
  demand: string;
  responsible_person: string | null;
  measures: string | null;
  deadline: string;
  original_deadline: string;
  status: string;
  percent: number;
  grade: string | null;
  first_submitted_at: string | null;
  submitted_at: string | null;
  sent_back_count: number;
  verified_at: string | null;
  verified_by: string | null;
  verification_method: string | null;
  verification_visit_id: string | null;
  verification_note: string | null;
  signed_off_at: string | null;
  signed_off_by: string | null;
  reopened_count: number;
  created_at: string;
  updated_at: string;
}

/** Counts of rectification items, kept by triggers (see migration 1700); the deadline is '' unless work is owed. */
export interface RectificationTalliesTable {
  unit_id: string;
  region_path: string;
  office_region_path: string;
  status: string;
  deadline: string;
  n: number;
}

export interface RectificationProblemsTable {
  rectification_id: string;
  problem_id: string;
}

export interface RectificationEventsTable {
  id: string;
  rectification_id: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  text: string | null;
  percent: number | null;
  grade: string | null;
  actor_id: string | null;
  actor_name: string | null;
  at: string;
}

export interface RectificationExtensionsTable {
  id: string;
  rectification_id: string;
  current_deadline: string;
  requested_deadline: string;
  reason: string;
  /** pending, approved, refused; withdrawn when the item is submitted before a decision */
  status: string;
  requested_by: string;
  requested_at: string;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string | null;
}

export interface NotificationsTable {
  id: string;
  account_id: string;
  kind: string;
  title: string;
  body: string | null;
  link: string | null;
  entity_type: string | null;
  entity_id: string | null;
  created_at: string;
  read_at: string | null;
}

export interface ReminderLogTable {
  rectification_id: string;
  /** e.g. before:2026-05-28, due:2026-05-31, overdue:2026-06-01 — one reminder per stage ever. */
  stage: string;
  sent_at: string;
  recipients: number;
}

export interface MailOutboxTable {
  id: string;
  to_address: string;
  subject: string;
  body: string;
  /** pending, sending, sent, failed */
  status: string;
  attempts: number;
  claimed_by: string | null;
  claimed_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

export interface AccountabilityMeasuresTable {
  id: string;
  unit_id: string;
  region_path: string;
  office_region_id: string;
  office_region_path: string;
  kind: string;
  reason: string;
  decided_on: string;
  notice_id: string | null;
  rectification_id: string | null;
  created_by: string;
  created_at: string;
}

export interface AccountabilityCasesTable {
  id: string;
  unit_id: string;
  region_path: string;
  office_region_id: string;
  office_region_path: string;
  status: string;
  title: string;
  /** task, notice, problem or rectification: the supervision work that found the failure. */
  source_kind: string;
  source_id: string;
  work_ended_on: string;
  open_due: string;
  statement_due: string | null;
  review_request_due: string | null;
  review_decision_due: string | null;
  appeal_request_due: string | null;
  appeal_decision_due: string | null;
  correction_due: string | null;
  facts: string | null;
  basis: string | null;
  measure_kind: string | null;
  effective_on: string | null;
  decided_on: string | null;
  doc_number: string | null;
  measure_id: string | null;
  /** object, system or public. */
  publication_scope: string | null;
  published_on: string | null;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface AccountabilityCaseStepsTable {
  id: string;
  case_id: string;
  action: string;
  from_status: string | null;
  to_status: string;
  on_date: string;
  text: string;
  /** JSON, or null. */
  detail: string | null;
  actor_id: string | null;
  actor_name: string;
  at: string;
}

export interface AccountabilityReminderLogTable {
  case_id: string;
  /** e.g. statement:before:2026-04-10 — one reminder per case, deadline and stage. */
  stage: string;
  sent_at: string;
  recipients: number;
}

export interface FilingsTable {
  id: string;
  notice_id: string;
  /** The issuing office's region path (copied from the notice). */
  region_path: string;
  filed_with: string;
  filed_on: string;
  reference_no: string | null;
  note: string | null;
  created_by: string;
  created_at: string;
}

export interface ClearanceListsTable {
  id: string;
  region_id: string;
  region_path: string;
  title: string;
  created_by: string;
  created_at: string;
}

export interface ClearanceListProblemsTable {
  list_id: string;
  problem_id: string;
  sort: number;
}

export interface DB {
  regions: RegionsTable;
  units: UnitsTable;
  accounts: AccountsTable;
  sessions: SessionsTable;
  account_addresses: AccountAddressesTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  files: FilesTable;
  settings: SettingsTable;
  inspectors: InspectorsTable;
  inspector_terms: InspectorTermsTable;
  inspector_assessments: InspectorAssessmentsTable;
  inspector_rewards: InspectorRewardsTable;
  inspector_trainings: InspectorTrainingsTable;
  responsible_assignments: ResponsibleAssignmentsTable;
  responsible_visits: ResponsibleVisitsTable;
  experts: ExpertsTable;
  expert_relations: ExpertRelationsTable;
  reviews: ReviewsTable;
  review_draws: ReviewDrawsTable;
  review_experts: ReviewExpertsTable;
  fee_rates: FeeRatesTable;
  fee_items: FeeItemsTable;
  committee_members: CommitteeMembersTable;
  supervision_plans: SupervisionPlansTable;
  supervision_tasks: SupervisionTasksTable;
  task_teams: TaskTeamsTable;
  task_team_members: TaskTeamMembersTable;
  task_team_people: TaskTeamPeopleTable;
  term_reminder_log: TermReminderLogTable;
  task_targets: TaskTargetsTable;
  checklist_templates: ChecklistTemplatesTable;
  indicator_frameworks: IndicatorFrameworksTable;
  school_statistics: SchoolStatisticsTable;
  complaint_categories: ComplaintCategoriesTable;
  complaints: ComplaintsTable;
  complaint_events: ComplaintEventsTable;
  complaint_problems: ComplaintProblemsTable;
  visits: VisitsTable;
  visit_answers: VisitAnswersTable;
  visit_evidence: VisitEvidenceTable;
  problem_areas: ProblemAreasTable;
  problems: ProblemsTable;
  recommendations: RecommendationsTable;
  notice_types: NoticeTypesTable;
  document_number_patterns: DocumentNumberPatternsTable;
  document_counters: DocumentCountersTable;
  notices: NoticesTable;
  notice_recipients: NoticeRecipientsTable;
  notice_items: NoticeItemsTable;
  notice_item_problems: NoticeItemProblemsTable;
  notice_replies: NoticeRepliesTable;
  rectifications: RectificationsTable;
  rectification_tallies: RectificationTalliesTable;
  rectification_problems: RectificationProblemsTable;
  rectification_events: RectificationEventsTable;
  rectification_extensions: RectificationExtensionsTable;
  notifications: NotificationsTable;
  reminder_log: ReminderLogTable;
  mail_outbox: MailOutboxTable;
  accountability_measures: AccountabilityMeasuresTable;
  accountability_cases: AccountabilityCasesTable;
  accountability_case_steps: AccountabilityCaseStepsTable;
  accountability_reminder_log: AccountabilityReminderLogTable;
  filings: FilingsTable;
  clearance_lists: ClearanceListsTable;
  clearance_list_problems: ClearanceListProblemsTable;
}
