import { Button, DatePicker, Form, Space, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { PageCard } from '../../components/PageCard';
import { ErrorResult } from '../../components/ErrorResult';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { tasksApi } from '../../services/supervision';
import { FiguresCard } from './FiguresCard';

const isDate = (s: string | null): s is string => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s) && dayjs(s).isValid();

/** The figures of every task in scope over a period (this year by default); each figure opens the rows behind it. */
export default function PeriodFiguresPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const from = isDate(params.get('from')) ? params.get('from')! : dayjs().startOf('year').format('YYYY-MM-DD');
  const to = isDate(params.get('to')) ? params.get('to')! : dayjs().endOf('year').format('YYYY-MM-DD');
  const regionId = params.get('regionId') ?? undefined;
  const [form] = Form.useForm<{ period: [dayjs.Dayjs, dayjs.Dayjs]; regionId?: string }>();
  const { data, error, isFetching } = useQuery({ queryKey: ['tasks', 'figures', { from, to, regionId }], queryFn: () => tasksApi.periodFigures({ from, to, regionId }) });
  const period = `from=${from}&to=${to}`;
  const region = regionId ? `&regionId=${encodeURIComponent(regionId)}` : '';
  return (
    <PageCard title={t('sv.periodFigures')} actions={<Link to="/tasks">{t('menu.tasks')}</Link>}>
      <Form form={form} layout="inline" style={{ rowGap: 12, marginBottom: 16 }} initialValues={{ period: [dayjs(from), dayjs(to)], regionId }}
        onFinish={(v) => setParams({
          from: v.period[0].format('YYYY-MM-DD'), to: v.period[1].format('YYYY-MM-DD'), ...(v.regionId ? { regionId: v.regionId } : {}),
        })}>
        <Form.Item name="period" rules={[{ required: true }]}><DatePicker.RangePicker allowClear={false} /></Form.Item>
        <Form.Item name="regionId"><RegionTreeSelect placeholder={t('sv.region')} style={{ width: 180 }} /></Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" icon={<SearchOutlined />} loading={isFetching}>{t('common.search')}</Button>
        </Space>
      </Form>
      {error ? <ErrorResult error={error} /> : data && (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Text type="secondary" data-testid="period-tasks">{t('sv.tasksInPeriod', { count: data.tasks ?? 0, from, to })}</Typography.Text>
          <FiguresCard figures={data} links={{
            targets: () => `/visits?${period}&status=submitted`,
            schools: `/visits?${period}&status=submitted`,
            visits: `/visits?${period}&status=submitted`,
            problems: (area) => `/problems?${period}${region}${area ? `&area=${area}` : ''}`,
            recommendations: `/recommendations?${period}`,
          }} />
        </Space>
      )}
    </PageCard>
  );
}
