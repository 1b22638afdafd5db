import { Button, Card, Form, InputNumber, Skeleton, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { useSettingsForm } from '../../hooks/useSettingsForm';
import { workbenchApi } from '../../services/workbench';
import { oversightApi } from '../../services/oversight';
import { complaintsApi } from '../../services/complaints';
import { complaintsZh } from '../../locales/complaints.zh-CN';
import { complaintsEn } from '../../locales/complaints.en-US';
import { addPageMessages } from '../../i18n';

addPageMessages('cp', complaintsZh, complaintsEn);

/** One settings group of whole days: read, edited and saved as a whole. */
function DaysCard<V extends object>({ title, queryKey, read, write, fields }: {
  title: string; queryKey: string; read: () => Promise<V>; write: (v: V) => Promise<V>; fields: { name: string; label: string; hint: string }[];
}) {
  const { t } = useTranslation();
  const { form, query: { data, error, isPending }, save } = useSettingsForm<V>(queryKey, read, write);

  if (isPending) return <Card><Skeleton active /></Card>;
  if (error) return <ErrorResult error={error} />;
  return (
    <Card title={title}>
      <Form<V> form={form} layout="vertical" initialValues={data} onFinish={(values) => save.mutate(values)} style={{ maxWidth: 480 }}>
        {fields.map((f) => (
          <Form.Item key={f.name} name={f.name} label={f.label} extra={f.hint} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} precision={0} suffix={t('wb.deadlines.days')} style={{ width: '100%' }} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button>
      </Form>
    </Card>
  );
}

/** How deadlines act across the deployment: rectification reminders and the yellow light; accountability cases' statement and warning; complaints' working days. */
export default function DeadlineSettingsPage() {
  const { t } = useTranslation();
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <DaysCard
        title={t('menu.deadlineSettings')} queryKey="rectification" read={workbenchApi.rectificationSettings} write={workbenchApi.updateRectificationSettings}
        fields={[
          { name: 'remindDaysBefore', label: t('wb.deadlines.remindDaysBefore'), hint: t('wb.deadlines.remindDaysBeforeHint') },
          { name: 'overdueEveryDays', label: t('wb.deadlines.overdueEveryDays'), hint: t('wb.deadlines.overdueEveryDaysHint') },
          { name: 'yellowDays', label: t('wb.deadlines.yellowDays'), hint: t('wb.deadlines.yellowDaysHint') },
        ]}
      />
      <DaysCard
        title={t('ov.cases.settings.title')} queryKey="accountability" read={oversightApi.accountabilitySettings} write={oversightApi.updateAccountabilitySettings}
        fields={[
          { name: 'statementWorkingDays', label: t('ov.cases.settings.statementWorkingDays'), hint: t('ov.cases.settings.statementWorkingDaysHint') },
          { name: 'warnDays', label: t('ov.cases.settings.warnDays'), hint: t('ov.cases.settings.warnDaysHint') },
        ]}
      />
      <DaysCard
        title={t('cp.settings.title')} queryKey="complaints" read={complaintsApi.settings} write={complaintsApi.updateSettings}
        fields={[
          { name: 'acknowledgeWorkingDays', label: t('cp.settings.acknowledgeWorkingDays'), hint: t('cp.settings.acknowledgeHint') },
          { name: 'handleWorkingDays', label: t('cp.settings.handleWorkingDays'), hint: t('cp.settings.handleHint') },
        ]}
      />
    </Space>
  );
}
