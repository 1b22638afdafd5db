import { Button, Card, Form, InputNumber, Skeleton, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { useSettingsForm } from '../../hooks/useSettingsForm';
import { settingsApi, type SecuritySettings } from '../../services/settings';
import { useAccess } from '../../session';

const fields: { name: Exclude<keyof SecuritySettings, 'singleSession'>; min: number; unit: 'chars' | 'times' | 'minutes' | 'days' }[] = [
  { name: 'passwordMinLength', min: 8, unit: 'chars' },
  { name: 'lockoutThreshold', min: 1, unit: 'times' },
  { name: 'lockoutMinutes', min: 1, unit: 'minutes' },
  { name: 'idleTimeoutMinutes', min: 1, unit: 'minutes' },
  { name: 'passwordMaxAgeDays', min: 0, unit: 'days' },
];

export default function SecuritySettingsPage() {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { form, query: { data, error, isPending }, save } = useSettingsForm<SecuritySettings>('security', settingsApi.security, settingsApi.updateSecurity);

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
        <Form.Item name="singleSession" label={t('settings.singleSession')} extra={t('settings.singleSessionHint')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {editable && (
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('common.save')}
          </Button>
        )}
      </Form>
    </Card>
  );
}
