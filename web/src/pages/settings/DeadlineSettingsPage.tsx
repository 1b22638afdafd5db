import { App, Button, Card, Form, InputNumber, Skeleton } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { useFormErrorHandler } from '../../errors';
import { workbenchApi, type RectificationSettings } from '../../services/workbench';

const fields: (keyof RectificationSettings)[] = ['remindDaysBefore', 'overdueEveryDays', 'yellowDays'];

/** How rectification deadlines act across the deployment: reminders and the yellow light. */
export default function DeadlineSettingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RectificationSettings>();
  const queryClient = useQueryClient();
  const onError = useFormErrorHandler(form);
  const { data, error, isPending } = useQuery({ queryKey: ['settings', 'rectification'], queryFn: workbenchApi.rectificationSettings });
  const save = useMutation({
    mutationFn: workbenchApi.updateRectificationSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(['settings', 'rectification'], saved);
      form.setFieldsValue(saved);
      void message.success(t('common.saved'));
    },
    onError,
  });

  if (isPending) return <Card><Skeleton active /></Card>;
  if (error) return <ErrorResult error={error} />;
  return (
    <Card title={t('menu.deadlineSettings')}>
      <Form<RectificationSettings> form={form} layout="vertical" initialValues={data} onFinish={(values) => save.mutate(values)} style={{ maxWidth: 480 }}>
        {fields.map((name) => (
          <Form.Item key={name} name={name} label={t(`wb.deadlines.${name}`)} extra={t(`wb.deadlines.${name}Hint`)} rules={[{ required: true }]}>
            <InputNumber min={1} max={30} precision={0} suffix={t('wb.deadlines.days')} style={{ width: '100%' }} />
          </Form.Item>
        ))}
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button>
      </Form>
    </Card>
  );
}
