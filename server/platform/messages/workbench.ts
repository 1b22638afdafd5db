import type { Text } from '../i18n';

/** Messages of the workbench module, by stable key. */
export const workbenchMessages = {
} satisfies Record<string, Text>;

/** Labels of the workbench module's fields in validation messages. */
export const workbenchFieldLabels: Record<string, Text> = {
};
