import type { Text } from '../i18n';

/** Messages of the workbench module, by stable key. */
export const workbenchMessages = {
  REMINDER_BEFORE_TITLE: { 'zh-CN': '催办：整改事项将于 {deadline} 到期', en: 'Reminder: a rectification item is due on {deadline}' },
  REMINDER_BEFORE_BODY: { 'zh-CN': '{unit}：{demand}（整改期限 {deadline}，还有 {days} 天）', en: '{unit}: {demand} (deadline {deadline}, {days} days left)' },
  REMINDER_DUE_TITLE: { 'zh-CN': '催办：整改事项今天（{deadline}）到期', en: 'Reminder: a rectification item is due today ({deadline})' },
  REMINDER_DUE_BODY: { 'zh-CN': '{unit}：{demand}（整改期限 {deadline}，今天到期）', en: '{unit}: {demand} (deadline {deadline}, due today)' },
  REMINDER_OVERDUE_TITLE: { 'zh-CN': '催办：整改事项已逾期 {days} 天', en: 'Reminder: a rectification item is {days} days overdue' },
  REMINDER_OVERDUE_BODY: { 'zh-CN': '{unit}：{demand}（整改期限 {deadline}，已逾期 {days} 天）', en: '{unit}: {demand} (deadline {deadline}, {days} days overdue)' },
  MAIL_OPEN_LINK: { 'zh-CN': '在督导平台中查看：{link}', en: 'Open it in Dudao: {link}' },
} satisfies Record<string, Text>;

/** Labels of the workbench module's fields in validation messages. */
export const workbenchFieldLabels: Record<string, Text> = {
  email: { 'zh-CN': '电子邮箱', en: 'E-mail' },
  unread: { 'zh-CN': '仅未读', en: 'Unread only' },
  remindDaysBefore: { 'zh-CN': '到期前提醒天数', en: 'Days before the deadline to remind' },
  overdueEveryDays: { 'zh-CN': '逾期催办间隔天数', en: 'Days between overdue reminders' },
  yellowDays: { 'zh-CN': '黄灯天数', en: 'Yellow-light days' },
  limit: { 'zh-CN': '每类条数', en: 'Entries per kind' },
};
