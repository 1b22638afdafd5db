import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, List, Space, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { FormModal } from '../../components/FormModal';
import { ErrorResult } from '../../components/ErrorResult';
import { rectificationApi } from '../../services/rectification';
import { DeadlineText, LightBadge, StatusTag } from './RectificationParts';

/** A problem's rectification items, and — for the office that may — putting it under rectification. */
export function ProblemRectification({ problemId, description }: { problemId: string; description: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opening, setOpening] = useState(false);
  const { data, error } = useQuery({ queryKey: ['rectifications', 'problem', problemId], queryFn: () => rectificationApi.ofProblem(problemId) });
  if (error) return <ErrorResult error={error} />;
  return (
    <>
      <Space wrap style={{ marginTop: 16, marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
        <Typography.Title level={5} style={{ margin: 0 }}>{t('rc.problemRectification')}</Typography.Title>
        {data?.abilities.open && <Button type="primary" onClick={() => setOpening(true)}>{t('rc.putUnderRectification')}</Button>}
      </Space>
      <List
        size="small"
        loading={!data}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('rc.noRectification') }}
        renderItem={(r) => (
          <List.Item key={r.id}>
            <Space orientation="vertical" size={2} style={{ width: '100%' }}>
              <Space wrap size={6}>
                <Link to={`/rectifications/${r.id}`}>{r.unit.name}</Link>
                <StatusTag status={r.status} />
                <LightBadge light={r.light} />
              </Space>
              <Typography.Text type="secondary">{r.demand}</Typography.Text>
              <DeadlineText item={r} />
            </Space>
          </List.Item>
        )}
      />
      {opening && (
        <FormModal<{ deadline: dayjs.Dayjs; demand: string }> title={t('rc.putUnderRectification')} onClose={() => setOpening(false)} initialValues={{ demand: description }}
          onSubmit={async (v) => {
            const item = await rectificationApi.openForProblem(problemId, { deadline: v.deadline.format('YYYY-MM-DD'), demand: v.demand });
            void queryClient.invalidateQueries({ queryKey: ['problems'] });
            void queryClient.invalidateQueries({ queryKey: ['rectifications'] });
            void message.success(t('rc.opened'));
            void navigate(`/rectifications/${item.id}`);
          }}>
          <Form.Item name="demand" label={t('rc.demand')} rules={[{ required: true, max: 2000 }]}><Input.TextArea rows={3} /></Form.Item>
          <Form.Item name="deadline" label={t('rc.deadline')} rules={[{ required: true }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
        </FormModal>
      )}
    </>
  );
}
