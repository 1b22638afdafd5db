import type { Text } from '../i18n';

/** Messages of the oversight module, by stable key. */
export const oversightMessages = {
} satisfies Record<string, Text>;

/** Labels of the oversight module's fields in validation messages. */
export const oversightFieldLabels: Record<string, Text> = {
};
