/** The permissions the web app reads; the server's list in server/platform/permissions.ts is the source. */
export type Permission =
  | 'regions.read'
  | 'regions.write'
  | 'units.read'
  | 'units.write'
  | 'units.import'
  | 'units.export'
  | 'files.upload'
  | 'accounts.read'
  | 'accounts.write'
  | 'audit.read'
  | 'settings.read'
  | 'settings.write'
  | 'inspectors.read'
  | 'inspectors.write'
  | 'responsible.visit'
  | 'experts.read'
  | 'experts.write'
  | 'experts.draw'
  | 'fees.read'
  | 'fees.write'
  | 'committee.read'
  | 'committee.write'
  | 'personal.read_full'
  | 'tasks.read'
  | 'tasks.write'
  | 'checklists.read'
  | 'visits.read'
  | 'visits.record'
  | 'problems.read'
  | 'problems.write'
  | 'problems.import'
  | 'problems.export';

export type MenuKey = 'home' | 'regions' | 'units' | 'accounts' | 'audit' | 'settings' | 'inspectors' | 'responsible' | 'experts' | 'reviews' | 'fees' | 'committee' | 'myTargets' | 'tasks' | 'problems' | 'recommendations' | 'checklists';

export interface MenuEntry {
  key: MenuKey;
  path: string;
  permission?: Permission;
}

export const menuEntries: readonly MenuEntry[] = [
  { key: 'home', path: '/' },
  { key: 'regions', path: '/regions', permission: 'regions.read' },
  { key: 'units', path: '/units', permission: 'units.read' },
  { key: 'myTargets', path: '/my-targets', permission: 'visits.record' },
  { key: 'tasks', path: '/tasks', permission: 'tasks.read' },
  { key: 'problems', path: '/problems', permission: 'problems.read' },
  { key: 'recommendations', path: '/recommendations', permission: 'problems.read' },
  { key: 'checklists', path: '/checklists', permission: 'checklists.read' },
  { key: 'committee', path: '/committee', permission: 'committee.read' },
  { key: 'inspectors', path: '/inspectors', permission: 'inspectors.read' },
  { key: 'responsible', path: '/responsible', permission: 'inspectors.read' },
  { key: 'experts', path: '/experts', permission: 'experts.read' },
  { key: 'reviews', path: '/reviews', permission: 'experts.read' },
  { key: 'fees', path: '/fees', permission: 'fees.read' },
  { key: 'accounts', path: '/accounts', permission: 'accounts.read' },
  { key: 'audit', path: '/audit', permission: 'audit.read' },
  { key: 'settings', path: '/settings/security', permission: 'settings.read' },
];

export interface Access {
  can: (permission: Permission) => boolean;
  menus: MenuEntry[];
}

export function accessOf(permissions: readonly string[]): Access {
  const granted = new Set(permissions);
  const can = (permission: Permission) => granted.has(permission);
  return { can, menus: menuEntries.filter((m) => !m.permission || can(m.permission)) };
}
