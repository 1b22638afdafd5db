import { t, type MessageKey } from '../platform/i18n';

/**
 * A failure the operator can fix (bad input, missing file, refused action): main prints the message
 * alone, without a stack trace, and exits with the code. Usage mistakes exit with 2, the rest with 1.
 */
export class CliError extends Error {
  constructor(message: string, readonly exitCode: 1 | 2 = 1) {
    super(message);
  }
}

export function usageError(message: string): CliError {
  return new CliError(message, 2);
}

/** A server message in both languages, Chinese first, as every line the tool prints. */
export function bilingual(key: MessageKey, params: Record<string, string | number> = {}): string {
  return `${t('zh-CN', key, params)} ${t('en', key, params)}`;
}
