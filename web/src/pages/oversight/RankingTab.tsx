import { useState, type ReactNode } from 'react';
import { App, Button, Space, Switch, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { NotificationOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { useShowError } from '../../errors';
import { useAccess } from '../../session';
import { withQuery } from '../../services/client';
import { oversightApi, type RankingRow } from '../../services/oversight';
import { Rate } from './FiguresTab';

const BOTTOM = 5;

/** The year's ranking of units by score; the office publishes the bottom five as a 通报 draft and opens it. */
export function RankingTab({ year, regionId, yearSelect }: { year: number; regionId?: string; yearSelect: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { modal, message } = App.useApp();
  const navigate = useNavigate();
  const showError = useShowError();
  const [bottomOnly, setBottomOnly] = useState(false);
  const query = { year, regionId, bottom: bottomOnly ? BOTTOM : undefined };
  const { data, error, isFetching } = useQuery({ queryKey: ['oversight', 'ranking', query], queryFn: () => oversightApi.ranking(query) });
  const publish = useMutation({
    mutationFn: () => oversightApi.rankingBulletin({ year, bottom: BOTTOM, regionId }),
    onSuccess: ({ noticeId }) => {
      void message.success(t('ov.draftCreated'));
      void navigate(`/notices/${noticeId}`);
    },
    onError: showError,
  });
  const columns: TableColumnsType<RankingRow> = [
    { key: 'rank', title: t('ov.rank.rank'), width: 70, fixed: 'left', render: (_, r) => (r.rank === null ? <Tag>{t('ov.rank.unranked')}</Tag> : <Typography.Text strong>{r.rank}</Typography.Text>) },
    {
      key: 'unit', title: t('ov.unit'), width: 200,
      render: (_, r) => (
        <Space orientation="vertical" size={0}>
          <Link to={withQuery('/rectifications', { unitId: r.unit.id, from: `${year}-01-01`, to: `${year}-12-31` })}>{r.unit.name}</Link>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.region.name}</Typography.Text>
        </Space>
      ),
    },
    { key: 'score', title: t('ov.rank.score'), width: 90, align: 'right', render: (_, r) => (r.score === null ? '—' : <Typography.Text strong>{r.score}</Typography.Text>) },
    { key: 'rate', title: t('ov.rank.rate'), width: 140, render: (_, r) => <Rate value={r.onTimeRate} /> },
    { key: 'items', title: t('ov.rank.items'), width: 70, align: 'right', render: (_, r) => r.items },
    { key: 'counted', title: t('ov.rank.counted'), width: 90, align: 'right', render: (_, r) => r.counted },
    { key: 'onTime', title: t('ov.rank.onTime'), width: 70, align: 'right', render: (_, r) => r.onTime },
    { key: 'grades', title: t('ov.rank.grades'), width: 150, render: (_, r) => `${r.grades.good} / ${r.grades.fair} / ${r.grades.average} / ${r.grades.poor}` },
    { key: 'gradeScore', title: t('ov.rank.gradeScore'), width: 90, align: 'right', render: (_, r) => r.gradeScore ?? '—' },
  ];
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Space wrap>
        {yearSelect}
        <Space size={6}><Switch checked={bottomOnly} onChange={setBottomOnly} />{t('ov.rank.bottomOnly', { count: BOTTOM })}</Space>
        {can('rectification.verify') && (
          <Button
            icon={<NotificationOutlined />} loading={publish.isPending} disabled={!data || data.ranked === 0}
            onClick={() => modal.confirm({ title: t('ov.rank.publish', { count: BOTTOM }), content: t('ov.rank.publishConfirm', { count: BOTTOM }), onOk: () => publish.mutateAsync().catch(() => undefined) })}
          >
            {t('ov.rank.publish', { count: BOTTOM })}
          </Button>
        )}
      </Space>
      <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 12 }}>{t('ov.rank.formula')}</Typography.Paragraph>
      {error ? <ErrorResult error={error} /> : (
        <Table<RankingRow>
          rowKey={(r) => r.unit.id} size="middle" columns={columns} dataSource={data?.items} loading={isFetching} scroll={{ x: 1000 }}
          pagination={{ pageSize: 20, showSizeChanger: true, showTotal: (count) => t('common.total', { count }) }} data-testid="ranking"
        />
      )}
    </Space>
  );
}
