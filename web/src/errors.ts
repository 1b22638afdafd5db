import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, type FieldError } from './services/client';

export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError) return error.code === 'NETWORK' ? t('error.network') : error.message;
  return t('error.unexpected');
}

/** "items.0.name" → ['items', 0, 'name'], the NamePath antd forms use. */
function namePath(field: string): (string | number)[] {
  return field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Puts each server field error beside the form field of the same name and returns the errors
 * that match no field of this form, so the caller can show them elsewhere.
 */
export function applyFieldErrors(form: FormInstance, fields: readonly FieldError[]): FieldError[] {
  const registered = new Set(Object.keys(form.getFieldsValue()));
  const unmatched: FieldError[] = [];
  const byField = new Map<string, string[]>();
  for (const error of fields) {
    if (!registered.has(error.field.split('.')[0])) unmatched.push(error);
    else byField.set(error.field, [...(byField.get(error.field) ?? []), error.message]);
  }
  form.setFields([...byField].map(([field, errors]) => ({ name: namePath(field), errors })));
  return unmatched;
}

export function useShowError(): (error: unknown) => void {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback((error: unknown) => void message.error(errorText(t, error)), [message, t]);
}

/** Error handler for a form's mutation: field errors beside their fields, anything else as a message. */
export function useFormErrorHandler(form: FormInstance): (error: unknown) => void {
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError) || error.fields.length === 0) {
        void message.error(errorText(t, error));
        return;
      }
      const unmatched = applyFieldErrors(form, error.fields);
      if (unmatched.length > 0) void message.error(unmatched.map((f) => f.message).join('；'));
    },
    [form, message, t],
  );
}
