import { useEffect, useRef, useState } from 'react';
import { Badge, Button, Drawer, Empty, Flex, Grid, Segmented, Spin, Typography, theme } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../errors';
import { formatDateTime } from '../format';
import { workbenchApi, type Notification } from '../services/workbench';

const PAGE = 20;

/**
 * The bell in the header: the unread count, and a drawer of the caller's notifications. Opening one marks it
 * read and goes to its record. The count is fetched again on every page change and when the window regains
 * focus, never on a timer: a background poll would keep an idle session alive past its timeout.
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const onError = useShowError();
  const { token } = theme.useToken();
  const isPhone = !Grid.useBreakpoint().md;
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const [pageSize, setPageSize] = useState(PAGE);

  const query = useQuery({
    queryKey: ['notifications', unreadOnly, pageSize],
    queryFn: () => workbenchApi.notifications({ pageSize, unread: unreadOnly || undefined }),
    refetchOnWindowFocus: true,
  });
  const { refetch } = query;
  const shownPath = useRef(pathname);
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    void refetch();
  }, [pathname, refetch]);

  const refresh = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({ mutationFn: workbenchApi.markRead, onSuccess: refresh, onError });
  const markAllRead = useMutation({ mutationFn: workbenchApi.markAllRead, onSuccess: refresh, onError });

  const openNotification = (n: Notification) => {
    if (!n.readAt) markRead.mutate(n.id);
    if (n.link) {
      setOpen(false);
      void navigate(n.link);
    }
  };

  const data = query.data;
  const unread = data?.unreadCount ?? 0;
  return (
    <>
      <Button type="text" aria-label={t('wb.notifications.open')} data-testid="notification-bell" onClick={() => setOpen(true)}
        icon={<Badge count={unread} size="small" overflowCount={99}><BellOutlined style={{ fontSize: 18 }} /></Badge>} />
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        placement="right"
        size={isPhone ? '100%' : 400}
        title={t('wb.notifications.title')}
        extra={
          <Button size="small" disabled={unread === 0} loading={markAllRead.isPending} onClick={() => markAllRead.mutate()}>
            {t('wb.notifications.markAllRead')}
          </Button>
        }
        styles={{ body: { paddingTop: 8 } }}
      >
        <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
          <Segmented<'all' | 'unread'>
            size="small"
            value={unreadOnly ? 'unread' : 'all'}
            onChange={(v) => setUnreadOnly(v === 'unread')}
            options={[{ value: 'all', label: t('wb.notifications.all') }, { value: 'unread', label: t('wb.notifications.unread') }]}
          />
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('wb.notifications.unreadCount', { count: unread })}</Typography.Text>
        </Flex>
        <Spin spinning={query.isFetching}>
          {data && data.items.length === 0 && <Empty description={t('wb.notifications.empty')} style={{ padding: '32px 0' }} />}
          {data?.items.map((n) => (
            <div
              key={n.id}
              role="button"
              tabIndex={0}
              data-testid="notification"
              data-unread={!n.readAt}
              onClick={() => openNotification(n)}
              onKeyDown={(e) => e.key === 'Enter' && openNotification(n)}
              style={{ padding: '10px 8px', borderBottom: `1px solid ${token.colorBorderSecondary}`, cursor: 'pointer', background: n.readAt ? undefined : token.colorPrimaryBg }}
            >
              <Flex gap={6} align="baseline">
                {!n.readAt && <Badge status="processing" />}
                <Typography.Text strong={!n.readAt}>{n.title}</Typography.Text>
              </Flex>
              {n.body && <Typography.Paragraph type="secondary" ellipsis={{ rows: 2 }} style={{ fontSize: 12, margin: '2px 0' }}>{n.body}</Typography.Paragraph>}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{formatDateTime(n.createdAt)}</Typography.Text>
            </div>
          ))}
          {data && data.total > data.items.length && (
            <Button type="link" block onClick={() => setPageSize((s) => Math.min(s + PAGE, 200))} disabled={pageSize >= 200}>
              {t('wb.notifications.more')}
            </Button>
          )}
        </Spin>
      </Drawer>
    </>
  );
}
