import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Navigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { errorText } from '../../errors';
import { authApi } from '../../services/auth';
import { storeSession, useSessionQuery } from '../../session';

interface Credentials {
  username: string;
  password: string;
}

/** Only same-site paths, so a crafted link cannot send the user elsewhere after signing in. */
function safeRedirect(target: string | null): string {
  return target && target.startsWith('/') && !target.startsWith('//') ? target : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const queryClient = useQueryClient();
  const { data: me } = useSessionQuery();
  const [failure, setFailure] = useState<string | null>(null);

  const signIn = useMutation({
    mutationFn: ({ username, password }: Credentials) => authApi.signIn(username, password),
    // With the session stored this page redirects; the route guard sends a must-change account on to the password form.
    onSuccess: (session) => storeSession(queryClient, session),
    onError: (error) => setFailure(errorText(t, error)),
  });

  if (me) return <Navigate to={safeRedirect(params.get('redirect'))} replace />;

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        flexDirection: 'column',
        background: 'linear-gradient(160deg, #e6f0ff 0%, #f5f7fa 60%)',
      }}
    >
      <div style={{ display: 'flex', justifyContent: 'flex-end', padding: 12 }}>
        <LanguageSwitch />
      </div>
      <div style={{ flex: 1, display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16 }}>
        <Card style={{ width: '100%', maxWidth: 380 }}>
          <div style={{ textAlign: 'center', marginBottom: 24 }}>
            <SafetyOutlined style={{ fontSize: 40, color: '#1677ff' }} />
            <Typography.Title level={3} style={{ margin: '8px 0 4px' }}>
              {t('app.name')}
            </Typography.Title>
            <Typography.Text type="secondary">{t('login.subtitle')}</Typography.Text>
          </div>
          {failure && <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} />}
          <Form<Credentials>
            layout="vertical"
            requiredMark={false}
            onFinish={(values) => {
              setFailure(null);
              signIn.mutate(values);
            }}
          >
            <Form.Item name="username" label={t('login.username')} rules={[{ required: true, message: t('login.usernameRequired') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus size="large" />
            </Form.Item>
            <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" size="large" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={signIn.isPending}>
              {t('login.submit')}
            </Button>
          </Form>
        </Card>
      </div>
    </div>
  );
}
