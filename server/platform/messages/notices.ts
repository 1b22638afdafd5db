import type { Text } from '../i18n';

/** Messages of the notices module, by stable key. */
export const noticesMessages = {
} satisfies Record<string, Text>;

/** Labels of the notices module's fields in validation messages. */
export const noticesFieldLabels: Record<string, Text> = {
};
