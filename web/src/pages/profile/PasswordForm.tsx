import { Alert, App, Button, Form, Input } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormErrorHandler } from '../../errors';
import { authApi } from '../../services/auth';
import { sessionKey } from '../../session';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function PasswordForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const onError = useFormErrorHandler(form);

  const change = useMutation({
    mutationFn: (v: Values) => authApi.changePassword(v.currentPassword, v.newPassword),
    onSuccess: async () => {
      form.resetFields();
      void message.success(t('password.changed'));
      // The session answers with the cleared must-change flag (and a fresh CSRF token if it was rotated).
      await queryClient.invalidateQueries({ queryKey: sessionKey });
    },
    onError,
  });

  return (
    <Form<Values> form={form} layout="vertical" onFinish={(v) => change.mutate(v)} style={{ maxWidth: 420 }}>
      <Alert type="info" showIcon title={t('password.rule')} style={{ marginBottom: 16 }} />
      <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}>
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true }]}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('password.confirm')}
        dependencies={['newPassword']}
        rules={[
          { required: true },
          ({ getFieldValue }) => ({
            validator: (_, value) =>
              !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending}>
        {t('password.submit')}
      </Button>
    </Form>
  );
}
