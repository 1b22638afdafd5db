import { useCallback, useEffect, useState } from 'react';
import { Alert, Button, Popconfirm, Space, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fieldStore, type VisitStart } from './fieldStore';
import { discardStart, syncAll, waitingCount } from './field';

/** Whether the device has a network, as the browser knows it. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}

/**
 * Above every page: that the phone works offline, how much waits to sync, and what the server refused (kept
 * until the user discards it). When the network returns everything waiting is sent, and by the button.
 */
export function FieldBanner() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const online = useOnline();
  const [waiting, setWaiting] = useState(0);
  const [refused, setRefused] = useState<VisitStart[]>([]);
  const [syncing, setSyncing] = useState(false);

  const look = useCallback(async () => {
    setWaiting(await waitingCount());
    setRefused((await fieldStore.starts()).filter((s) => s.refusal));
  }, []);
  const sync = useCallback(async () => {
    setSyncing(true);
    try {
      await syncAll(queryClient);
    } finally {
      setSyncing(false);
      await look();
    }
  }, [queryClient, look]);

  useEffect(() => {
    void look();
    const timer = window.setInterval(() => void look(), 3000);
    return () => window.clearInterval(timer);
  }, [look]);
  useEffect(() => {
    if (online) void sync();
  }, [online, sync]);

  if (online && waiting === 0) return null;
  return (
    <Alert
      data-testid="field-banner"
      type={online ? 'info' : 'warning'}
      showIcon
      style={{ marginBottom: 12 }}
      message={
        <Space wrap size={8}>
          {!online && <Typography.Text strong>{t('offline.offline')}</Typography.Text>}
          <span data-testid="field-waiting">{waiting > 0 ? t('offline.waiting', { count: waiting }) : t('offline.allSynced')}</span>
          {online && waiting > 0 && <Button size="small" loading={syncing} onClick={() => void sync()}>{t('offline.syncNow')}</Button>}
        </Space>
      }
      description={refused.length > 0 && (
        <Space direction="vertical" size={4}>
          {refused.map((s) => (
            <Space key={s.id} wrap size={8} data-testid="field-refused">
              <Typography.Text type="danger">{t('offline.refused', { target: s.visit.targetName, date: s.visitDate, reason: s.refusal })}</Typography.Text>
              <Popconfirm title={t('offline.discardConfirm')} onConfirm={async () => { await discardStart(queryClient, s.id); await look(); }}>
                <Button size="small" danger>{t('offline.discard')}</Button>
              </Popconfirm>
            </Space>
          ))}
        </Space>
      )}
    />
  );
}
