import type { MessageKey } from './i18n';

export type ErrorCode =
  | 'VALIDATION'
  | 'IMPORT_INVALID'
  | 'UNAUTHENTICATED'
  | 'CSRF'
  | 'FORBIDDEN'
  | 'PASSWORD_CHANGE_REQUIRED'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'ACCOUNT_LOCKED'
  | 'RATE_LIMITED'
  | 'INTERNAL';

const statusOf: Record<ErrorCode, number> = {
  VALIDATION: 400,
  IMPORT_INVALID: 400,
  UNAUTHENTICATED: 401,
  CSRF: 403,
  FORBIDDEN: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ACCOUNT_LOCKED: 423,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

/** A field problem: `message` is a key or already-localised text resolved by the handler. */
export interface FieldIssue {
  field: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

/** A problem in one cell of an uploaded sheet; `message` is already in the user's language. */
export interface RowIssue {
  row: number;
  column: string;
  header: string;
  message: string;
}

/**
 * The one error type domain code throws. The code is stable for clients; the message key is
 * turned into the caller's language by the error handler, never by the thrower.
 */
export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly messageKey: MessageKey = code as MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly extra: { fields?: FieldIssue[]; rows?: RowIssue[] } = {},
  ) {
    super(`${code}: ${messageKey}`);
    this.status = statusOf[code];
  }
}

export const notFound = () => new AppError('NOT_FOUND');
export const forbidden = (key: MessageKey = 'FORBIDDEN', params?: Record<string, string | number>) =>
  new AppError('FORBIDDEN', key, params);
export const invalidField = (field: string, key: MessageKey, params?: Record<string, string | number>) =>
  new AppError('VALIDATION', 'VALIDATION', {}, { fields: [{ field, key, params }] });
