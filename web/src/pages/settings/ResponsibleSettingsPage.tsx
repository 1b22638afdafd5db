import { Button, Card, Form, InputNumber, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { useSettingsForm } from '../../hooks/useSettingsForm';
import { responsibleApi, type ResponsibleSettings } from '../../services/inspectors';

/** The staffing guideline for responsible inspectors across the deployment: assigning more schools warns. */
export default function ResponsibleSettingsPage() {
  const { t } = useTranslation();
  const { form, query: { data, error, isPending }, save } = useSettingsForm<ResponsibleSettings>('responsible', responsibleApi.settings, responsibleApi.updateSettings);

  if (isPending) return <Card><Skeleton active /></Card>;
  if (error) return <ErrorResult error={error} />;
  return (
    <Card title={t('people.responsible.settingsTitle')}>
      <Form<ResponsibleSettings> form={form} layout="vertical" initialValues={data} onFinish={(values) => save.mutate(values)} style={{ maxWidth: 480 }}>
        <Form.Item name="schoolsPerInspector" label={t('people.responsible.schoolsPerInspector')} extra={t('people.responsible.schoolsPerInspectorHint')} rules={[{ required: true }]}>
          <InputNumber min={1} max={50} precision={0} suffix={t('people.responsible.schoolsUnit')} style={{ width: '100%' }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button>
      </Form>
    </Card>
  );
}
