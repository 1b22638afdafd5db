// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { accessOf } from './access';

const menuKeys = (permissions: string[]) => accessOf(permissions).menus.map((m) => m.key);

describe('accessOf', () => {
  it('gives an auditor only the home page and the audit log', () => {
    expect(menuKeys(['audit.read'])).toEqual(['home', 'audit']);
  });

  it('gives a security administrator accounts and security settings, no business data', () => {
    const access = accessOf(['settings.read', 'settings.write', 'accounts.read']);
    expect(access.menus.map((m) => m.key)).toEqual(['home', 'accounts', 'settings']);
    expect(access.can('settings.write')).toBe(true);
    expect(access.can('accounts.write')).toBe(false);
  });

  it('gives office staff regions, units and accounts, but not the audit log or settings', () => {
    const officeStaff = [
      'regions.read', 'regions.write', 'units.read', 'units.write', 'units.import', 'units.export',
      'files.read', 'files.upload', 'accounts.read', 'accounts.write',
    ];
    expect(menuKeys(officeStaff)).toEqual(['home', 'regions', 'units', 'accounts']);
    expect(accessOf(officeStaff).can('units.import')).toBe(true);
  });

  it('gives an account without permissions the home page alone', () => {
    expect(menuKeys([])).toEqual(['home']);
  });
});
