import type { Locale } from './i18n';
import { fieldMessage, isMessageKey, issueText, t } from './i18n';

/** The parts of a zod issue the messages need (as zod reports it, or as the fastify provider passes it on). */
export interface IssueLike {
  code: string;
  message?: string;
  expected?: unknown;
  minimum?: unknown;
  maximum?: unknown;
  origin?: unknown;
  values?: unknown;
  format?: unknown;
  keys?: unknown;
  input?: unknown;
}

/** One zod issue in the user's language, without the field label. */
export function describeIssue(locale: Locale, issue: IssueLike): string {
  switch (issue.code) {
    case 'invalid_type':
      // zod reports the input only when asked; its message always names what it received.
      if (('input' in issue && issue.input === undefined) || /received undefined/.test(issue.message ?? '')) return issueText(locale, 'required');
      if (issue.expected === 'int') return issueText(locale, 'integer');
      return issueText(locale, 'type');
    case 'too_small':
      if (issue.origin === 'string') {
        return Number(issue.minimum) <= 1 ? issueText(locale, 'required') : issueText(locale, 'tooShort', { min: String(issue.minimum) });
      }
      return issueText(locale, 'tooSmall', { min: String(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string'
        ? issueText(locale, 'tooLong', { max: String(issue.maximum) })
        : issueText(locale, 'tooBig', { max: String(issue.maximum) });
    case 'invalid_value':
      return issueText(locale, 'oneOf', { values: Array.isArray(issue.values) ? issue.values.join(', ') : '' });
    case 'invalid_format':
      return issueText(locale, 'format');
    case 'unrecognized_keys':
      return issueText(locale, 'unknownKey');
    case 'custom':
      // Refinements carry a message key; its text is used as it is.
      if (issue.message && isMessageKey(issue.message)) return t(locale, issue.message);
      return issueText(locale, 'format');
    default:
      return issueText(locale, 'format');
  }
}

export function describeFieldIssue(locale: Locale, field: string, issue: IssueLike): string {
  if (issue.code === 'custom' && issue.message && isMessageKey(issue.message)) return t(locale, issue.message);
  return fieldMessage(locale, field, describeIssue(locale, issue));
}

/** The first field (dotted path) of a parsed request part (params, query or JSON body) that holds a NUL character, if any. */
export function fieldWithNul(value: unknown, at = ''): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? at : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = fieldWithNul(value[i], at ? `${at}.${i}` : String(i));
      if (found !== null) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const path = at ? `${at}.${k}` : k;
      if (k.includes('\u0000')) return path;
      const found = fieldWithNul(v, path);
      if (found !== null) return found;
    }
  }
  return null;
}
