/** Roles from SPEC §1. System, security and audit administration are separate (三员分立). */
export const roles = ['sysadmin', 'secadmin', 'auditor', 'office_staff', 'inspector', 'expert', 'unit_user', 'leader'] as const;
export type Role = (typeof roles)[number];

export const permissions = [
  'regions.read',
  'regions.write',
  'units.read',
  'units.write',
  'units.import',
  'units.export',
  'files.read',
  'files.upload',
  'accounts.read',
  'accounts.write',
  'accounts.unlock',
  'audit.read',
  'settings.read',
  'settings.write',
  'inspectors.read',
  'inspectors.write',
  'responsible.visit',
  'experts.read',
  'experts.write',
  'experts.draw',
  'fees.read',
  'fees.write',
  'committee.read',
  'committee.write',
  'personal.read_full',
  'tasks.read',
  'tasks.write',
  'checklists.read',
  'checklists.write',
  'visits.read',
  // Field visits of supervision tasks; 'responsible.visit' is the responsible inspectors' routine visits.
  'visits.record',
  'problems.read',
  'problems.write',
  'problems.import',
  'problems.export',
  'dictionaries.write',
  'notices.read',
  // Draft, edit, submit, issue, close and withdraw the office's notices; its types and number patterns.
  'notices.write',
  // Approve (签发) a notice someone else drafted.
  'notices.approve',
  // The recipients' side: acknowledge receipt and reply, for the units a caller answers for.
  'notices.respond',
  'rectification.read',
  // The owner's side: plan, progress reports with evidence, submission, extension requests.
  'rectification.report',
  // The office's side: verify, send back, grade, sign off, decide extensions, reopen, escalate, file.
  'rectification.verify',
  'rectification.export',
  // Indicator frameworks and duty evaluation: reading them, and the office building and publishing them.
  'evaluation.read',
  'evaluation.write',
  // Balanced development: the schools' yearly statistics and the county assessment computed from them.
  'balance.read',
  'balance.write',
  // Public complaints (群众举报): the holding office's inbox, its actions, and the complainant's full identity.
  'complaints.read',
  'complaints.write',
  'complaints.identity',
] as const;
export type Permission = (typeof permissions)[number];

/** What each role may do at all; which rows it may touch is the scope layer's business. */
const grants: Record<Role, readonly Permission[]> = {
  // Accounts and the reference data needed to give accounts a scope; no business records.
  sysadmin: ['accounts.read', 'accounts.write', 'accounts.unlock', 'regions.read', 'units.read', 'dictionaries.write'],
  // Security settings, and unlocking accounts (accounts.read lets it find them).
  secadmin: ['settings.read', 'settings.write', 'accounts.read', 'accounts.unlock'],
  auditor: ['audit.read'],
  office_staff: [
    'regions.read', 'regions.write', 'units.read', 'units.write', 'units.import', 'units.export',
    'files.read', 'files.upload', 'accounts.read', 'accounts.write', 'accounts.unlock',
    'inspectors.read', 'inspectors.write', 'responsible.visit', 'experts.read', 'experts.write', 'experts.draw',
    'fees.read', 'fees.write', 'committee.read', 'committee.write', 'personal.read_full',
    'tasks.read', 'tasks.write', 'checklists.read', 'checklists.write', 'visits.read', 'visits.record',
    'problems.read', 'problems.write', 'problems.import', 'problems.export',
    'notices.read', 'notices.write', 'notices.approve', 'notices.respond',
    'rectification.read', 'rectification.report', 'rectification.verify', 'rectification.export',
    'evaluation.read', 'evaluation.write', 'balance.read', 'balance.write',
    'complaints.read', 'complaints.write', 'complaints.identity',
  ],
  // Their own inspector record (the scope layer narrows it) and visits to the schools they answer for.
  inspector: ['regions.read', 'units.read', 'files.read', 'files.upload', 'inspectors.read', 'responsible.visit',
    'tasks.read', 'checklists.read', 'visits.read', 'visits.record', 'problems.read'],
  // Supervision tasks they are a team member of (the scope layer narrows it to those).
  expert: ['units.read', 'files.read', 'tasks.read', 'checklists.read', 'visits.read', 'visits.record', 'problems.read'],
  // Problems, recommendations, notices and rectification items addressed to its own unit.
  unit_user: ['units.read', 'files.read', 'files.upload', 'problems.read', 'notices.read', 'notices.respond', 'rectification.read', 'rectification.report'],
  leader: ['regions.read', 'units.read', 'units.export', 'files.read', 'inspectors.read', 'experts.read', 'fees.read', 'committee.read',
    'tasks.read', 'checklists.read', 'visits.read', 'problems.read', 'problems.export',
    'notices.read', 'notices.approve', 'rectification.read', 'rectification.export', 'evaluation.read', 'balance.read'],
};

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(grants[role]);
}

/** Roles an office may hand out inside its own region: never the three administrators. */
export const officeGrantableRoles: readonly Role[] = ['office_staff', 'inspector', 'expert', 'unit_user', 'leader'];

/** Roles whose work is business data and so needs a region or unit scope. */
export const scopedRoles: readonly Role[] = officeGrantableRoles;
