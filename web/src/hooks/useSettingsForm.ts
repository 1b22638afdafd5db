import { App, Form } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormErrorHandler } from '../errors';

/**
 * One settings group in a form: loaded from the server, saved back, the saved values shown and confirmed,
 * field errors beside their fields. Shared by every settings page.
 */
export function useSettingsForm<T extends object>(group: string, load: () => Promise<T>, update: (values: T) => Promise<T>) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<T>();
  const queryClient = useQueryClient();
  const onError = useFormErrorHandler(form);
  const key = ['settings', group];
  const query = useQuery({ queryKey: key, queryFn: load });
  const save = useMutation({
    mutationFn: update,
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      form.setFieldsValue(saved as Parameters<typeof form.setFieldsValue>[0]);
      void message.success(t('common.saved'));
    },
    onError,
  });
  return { form, query, save };
}
