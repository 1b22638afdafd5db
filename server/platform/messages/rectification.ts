import type { Text } from '../i18n';

/** Messages of the rectification module, by stable key. */
export const rectificationMessages = {
  RECTIFICATION_TRANSITION: { 'zh-CN': '整改事项当前为“{status}”，不能{action}', en: 'The item is {status}; cannot {action}' },
} satisfies Record<string, Text>;

/** Labels of the rectification module's fields in validation messages. */
export const rectificationFieldLabels: Record<string, Text> = {
};
