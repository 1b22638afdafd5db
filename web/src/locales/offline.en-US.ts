import type { offlineZh } from './offline.zh-CN';

export const offlineEn: typeof offlineZh = {
  prepare: 'Take offline',
  preparing: 'Preparing for offline work: {{done}}/{{total}}',
  prepared: '{{targets}} targets kept on this device ({{size}}), {{at}}',
  preparedNever: 'Not prepared yet: tap "Take offline" while you have a network, and the targets and visit forms work without one',
  offline: 'Working offline',
  waiting: '{{count}} waiting to sync',
  allSynced: 'Everything synced',
  syncNow: 'Sync now',
  syncing: 'Syncing…',
  synced: '{{count}} synced',
  refused: 'Refused by the server: {{target}} ({{date}}) — {{reason}}',
  discard: 'Discard this record',
  discardConfirm: 'This offline record and its photos will be deleted from this device for good. Discard it?',
  visitStartedOffline: 'Started on this device; it syncs when the network returns',
  signOutWarning: '{{count}} items on this device have not reached the server. Signing out deletes them from this device. Sign out?',
  signOutAnyway: 'Sign out anyway',
};
