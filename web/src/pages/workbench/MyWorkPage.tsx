import { useState } from 'react';
import { Alert, Badge, Card, Empty, Flex, Segmented, Spin, Tag, Typography, theme } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ErrorResult } from '../../components/ErrorResult';
import { myWorkKinds, workbenchApi, type Light, type MyWorkEntry, type MyWorkKind } from '../../services/workbench';

/** Entries per kind the server returns (its most urgent ones); the counts are complete. */
const LIMIT = 50;

const kindColors: Record<MyWorkKind, string> = {
  acknowledge: 'blue', reply: 'cyan', approve: 'purple', returned: 'volcano', submit: 'orange', verify: 'geekblue', sign_off: 'green', decide_extension: 'magenta',
};

function LightTag({ light }: { light: Light }) {
  const { t } = useTranslation();
  if (light === 'none') return null;
  const color = light === 'red' ? 'red' : light === 'yellow' ? 'gold' : 'green';
  return <Tag color={color} data-light={light}>{t(`wb.light.${light}`)}</Tag>;
}

function DeadlineText({ entry, today }: { entry: MyWorkEntry; today: string }) {
  const { t } = useTranslation();
  if (!entry.deadline) return <>{t('wb.myWork.noDeadline')}</>;
  const days = dayjs(entry.deadline).diff(dayjs(today), 'day');
  const relative = days < 0 ? t('wb.myWork.overdueDays', { count: -days }) : days === 0 ? t('wb.myWork.dueToday') : t('wb.myWork.daysLeft', { count: days });
  return <>{t('wb.myWork.deadline', { date: entry.deadline })}（{relative}）</>;
}

function EntryRow({ entry, today }: { entry: MyWorkEntry; today: string }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const details = [entry.unit, entry.context].filter(Boolean).join(' · ');
  return (
    <Link to={entry.link} data-testid="my-work-entry" style={{ display: 'block', padding: '12px 0', borderBottom: `1px solid ${token.colorBorderSecondary}`, color: 'inherit' }}>
      <Flex gap={4} wrap align="center">
        <Tag color={kindColors[entry.kind]} style={{ marginInlineEnd: 0 }}>{t(`wb.myWork.kind.${entry.kind}`)}</Tag>
        <LightTag light={entry.light} />
      </Flex>
      <Typography.Paragraph strong ellipsis={{ rows: 2 }} style={{ margin: '6px 0 2px' }}>{entry.title}</Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        <DeadlineText entry={entry} today={today} />
        {entry.requestedDeadline && ` · ${t('wb.myWork.requested', { date: entry.requestedDeadline })}`}
        {details && ` · ${details}`}
      </Typography.Text>
    </Link>
  );
}

/**
 * What waits on me: notices to acknowledge, reply to or approve, my drafts returned to me, rectification items
 * to rectify, verify or sign off, extension requests to decide — the earliest deadline first, overdue at the top, all kinds in one list
 * with a tag each; the segments narrow it to one kind.
 */
export default function MyWorkPage() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<MyWorkKind | 'all'>('all');
  const work = useQuery({ queryKey: ['my-work', kind], queryFn: () => workbenchApi.myWork({ kind: kind === 'all' ? undefined : kind, limit: LIMIT }) });
  const settings = useQuery({ queryKey: ['settings', 'rectification'], queryFn: workbenchApi.rectificationSettings, staleTime: 5 * 60_000 });
  if (work.error) return <ErrorResult error={work.error} />;
  const data = work.data;
  const capped = data ? myWorkKinds.filter((k) => data.counts[k] > data.items.filter((e) => e.kind === k).length) : [];

  const segment = (label: string, count: number) => (
    <Flex gap={4} align="center">
      {label}
      <Badge count={count} size="small" showZero={false} color="#8c8c8c" />
    </Flex>
  );

  return (
    <Card title={t('wb.myWork.title')} size="small" style={{ maxWidth: 880, margin: '0 auto' }}>
      {data && (
        <div style={{ overflowX: 'auto', marginBottom: 8 }}>
          <Segmented<MyWorkKind | 'all'>
            value={kind}
            onChange={setKind}
            options={[
              { value: 'all', label: segment(t('wb.myWork.all'), data.total) },
              ...myWorkKinds.filter((k) => data.counts[k] > 0 || k === kind).map((k) => ({ value: k, label: segment(t(`wb.myWork.kind.${k}`), data.counts[k]) })),
            ]}
          />
        </div>
      )}
      {settings.data && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 4 }}>
          {t('wb.myWork.legend', { days: settings.data.yellowDays })}
        </Typography.Paragraph>
      )}
      {capped.map((k) => (
        <Alert
          key={k}
          type="info"
          showIcon
          style={{ margin: '8px 0' }}
          title={t('wb.myWork.capped', { count: data!.counts[k], shown: data!.items.filter((e) => e.kind === k).length })}
        />
      ))}
      <Spin spinning={work.isFetching}>
        {data && data.items.length === 0 ? (
          <Empty description={t('wb.myWork.empty')} style={{ padding: '32px 0' }} />
        ) : (
          <div>{data?.items.map((entry) => <EntryRow key={entry.key} entry={entry} today={data.today} />)}</div>
        )}
      </Spin>
    </Card>
  );
}
