import type { ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { errorText } from '../errors';
import { useAccess, useSessionQuery } from '../session';
import type { Permission } from '../access';

export function FullPageSpin() {
  return (
    <div style={{ minHeight: '100vh', display: 'grid', placeItems: 'center' }}>
      <Spin size="large" />
    </div>
  );
}

/** Signed-in routes: sends a visitor to sign-in, and an account that must change its password to do so first. */
export function RequireSession() {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: me, error, isPending, refetch } = useSessionQuery();

  if (isPending) return <FullPageSpin />;
  if (error) {
    return (
      <Result
        status="error"
        title={t('error.loadFailed')}
        subTitle={errorText(t, error)}
        extra={<Button onClick={() => void refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (!me) {
    const back = location.pathname + location.search;
    return <Navigate to={back === '/' ? '/login' : `/login?redirect=${encodeURIComponent(back)}`} replace />;
  }
  if (me.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  if (!me.mustChangePassword && location.pathname === '/change-password') return <Navigate to="/" replace />;
  return <Outlet />;
}

export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  if (!can(permission)) return <Result status="403" title={t('error.forbiddenTitle')} subTitle={t('error.forbidden')} />;
  return children;
}
