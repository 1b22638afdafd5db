/** The permissions are the server's own list (type only: nothing of the server is bundled). */
import type { Permission } from '../../server/platform/permissions';

export type { Permission };

export type MenuKey = 'home' | 'regions' | 'units' | 'accounts' | 'audit' | 'settings' | 'inspectors' | 'responsible' | 'experts' | 'reviews' | 'fees' | 'committee' | 'myTargets' | 'tasks' | 'problems' | 'recommendations' | 'checklists'
  | 'myWork' | 'notices' | 'inbox' | 'rectifications' | 'rectificationOverview' | 'clearanceLists' | 'accountabilityCases' | 'filings' | 'noticeSettings' | 'deadlineSettings'
  | 'responsibleSettings' | 'frameworks' | 'balance' | 'complaints';

/** Headings the side menu groups its entries under. */
export type MenuGroup = 'work' | 'rectification' | 'people' | 'basics' | 'system';

export interface MenuEntry {
  key: MenuKey;
  path: string;
  permission?: Permission;
  /** Shown when any of these is granted (a page that gathers several kinds of work). */
  anyPermission?: readonly Permission[];
  group?: MenuGroup;
}

export const menuEntries: readonly MenuEntry[] = [
  { key: 'home', path: '/' },
  { key: 'myWork', path: '/my-work', anyPermission: ['notices.read', 'rectification.read', 'tasks.read', 'visits.record'] },
  { key: 'regions', path: '/regions', permission: 'regions.read', group: 'basics' },
  { key: 'units', path: '/units', permission: 'units.read', group: 'basics' },
  { key: 'myTargets', path: '/my-targets', permission: 'visits.record', group: 'work' },
  { key: 'tasks', path: '/tasks', permission: 'tasks.read', group: 'work' },
  { key: 'problems', path: '/problems', permission: 'problems.read', group: 'work' },
  { key: 'recommendations', path: '/recommendations', permission: 'problems.read', group: 'work' },
  { key: 'checklists', path: '/checklists', permission: 'checklists.read', group: 'work' },
  { key: 'frameworks', path: '/indicator-frameworks', permission: 'evaluation.read', group: 'work' },
  { key: 'balance', path: '/balance', permission: 'balance.read', group: 'work' },
  { key: 'complaints', path: '/complaints', permission: 'complaints.read', group: 'work' },
  { key: 'notices', path: '/notices', permission: 'notices.approve', group: 'rectification' },
  { key: 'inbox', path: '/inbox', permission: 'notices.respond', group: 'rectification' },
  { key: 'rectifications', path: '/rectifications', permission: 'rectification.read', group: 'rectification' },
  { key: 'rectificationOverview', path: '/rectification-overview', permission: 'rectification.read', group: 'rectification' },
  { key: 'clearanceLists', path: '/clearance-lists', permission: 'rectification.export', group: 'rectification' },
  { key: 'accountabilityCases', path: '/accountability-cases', permission: 'rectification.read', group: 'rectification' },
  { key: 'filings', path: '/filings', permission: 'rectification.export', group: 'rectification' },
  { key: 'noticeSettings', path: '/notice-settings', permission: 'notices.write', group: 'rectification' },
  { key: 'committee', path: '/committee', permission: 'committee.read', group: 'people' },
  { key: 'inspectors', path: '/inspectors', permission: 'inspectors.read', group: 'people' },
  { key: 'responsible', path: '/responsible', permission: 'inspectors.read', group: 'people' },
  { key: 'experts', path: '/experts', permission: 'experts.read', group: 'people' },
  { key: 'reviews', path: '/reviews', permission: 'experts.read', group: 'people' },
  { key: 'fees', path: '/fees', permission: 'fees.read', group: 'people' },
  { key: 'accounts', path: '/accounts', permission: 'accounts.read', group: 'system' },
  { key: 'audit', path: '/audit', permission: 'audit.read', group: 'system' },
  { key: 'settings', path: '/settings/security', permission: 'settings.read', group: 'system' },
  { key: 'deadlineSettings', path: '/settings/deadlines', permission: 'dictionaries.write', group: 'system' },
  { key: 'responsibleSettings', path: '/settings/responsible', permission: 'dictionaries.write', group: 'system' },
];

export interface Access {
  can: (permission: Permission) => boolean;
  menus: MenuEntry[];
}

export function accessOf(permissions: readonly string[]): Access {
  const granted = new Set(permissions);
  const can = (permission: Permission) => granted.has(permission);
  return { can, menus: menuEntries.filter((m) => (!m.permission || can(m.permission)) && (!m.anyPermission || m.anyPermission.some(can))) };
}
