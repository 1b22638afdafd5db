import { App, Button, Card, Form, InputNumber, Skeleton } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { useFormErrorHandler } from '../../errors';
import { settingsApi, type SecuritySettings } from '../../services/settings';
import { useAccess } from '../../session';

const fields: { name: keyof SecuritySettings; min: number; unit: 'chars' | 'times' | 'minutes' | 'days' }[] = [
  { name: 'passwordMinLength', min: 8, unit: 'chars' },
  { name: 'lockoutThreshold', min: 1, unit: 'times' },
  { name: 'lockoutMinutes', min: 1, unit: 'minutes' },
  { name: 'idleTimeoutMinutes', min: 1, unit: 'minutes' },
  { name: 'passwordMaxAgeDays', min: 0, unit: 'days' },
];

export default function SecuritySettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useAccess();
  const [form] = Form.useForm<SecuritySettings>();
  const queryClient = useQueryClient();
  const onError = useFormErrorHandler(form);
  const { data, error, isPending } = useQuery({ queryKey: ['settings', 'security'], queryFn: settingsApi.security });
  const save = useMutation({
    mutationFn: settingsApi.updateSecurity,
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings', 'security'], saved);
      form.setFieldsValue(saved);
      void message.success(t('common.saved'));
    },
    onError,
  });

  if (isPending) return <Card><Skeleton active /></Card>;
  if (error) return <ErrorResult error={error} />;

  const editable = can('settings.write');
  return (
    <Card title={t('menu.settings')}>
      <Form<SecuritySettings>
        form={form}
        layout="vertical"
        initialValues={data}
        disabled={!editable}
        onFinish={(values) => save.mutate(values)}
        style={{ maxWidth: 480 }}
      >
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={t(`settings.${f.name}`)} extra={t(`settings.${f.name}Hint`)} rules={[{ required: true }]}>
            <InputNumber min={f.min} precision={0} suffix={t(`settings.unit.${f.unit}`)} style={{ width: '100%' }} />
          </Form.Item>
        ))}
        {editable && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
