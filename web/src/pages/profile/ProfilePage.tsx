import { App, Button, Card, Col, Descriptions, Form, Input, List, Popconfirm, Row, Select, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useEnums } from '../../enums';
import { useFormErrorHandler, useShowError } from '../../errors';
import { changeLocale } from '../../i18n';
import { authApi, locales, type Locale, type Me } from '../../services/auth';
import { sessionKey, useMe } from '../../session';
import { PasswordForm } from './PasswordForm';
import { ScopeText } from '../../components/ScopeText';

interface Values {
  displayName: string;
  phone?: string;
  email?: string;
  locale: Locale;
}

export default function ProfilePage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useMe();
  const enums = useEnums();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const onError = useFormErrorHandler(form);

  const save = useMutation({
    // An empty phone or e-mail field means "keep the current one", which the form only shows masked.
    mutationFn: ({ phone, email, ...rest }: Values) => authApi.updateProfile({ ...rest, phone: phone || undefined, email: email || undefined }),
    onSuccess: async (updated) => {
      queryClient.setQueryData<Me | null>(sessionKey, updated);
      form.setFieldValue('phone', undefined);
      form.setFieldValue('email', undefined);
      await changeLocale(updated.locale);
      void message.success(t('common.saved'));
    },
    onError,
  });
  const clearEmail = useMutation({
    mutationFn: () => authApi.updateProfile({ displayName: me.displayName, locale: me.locale, email: null }),
    onSuccess: (updated) => {
      queryClient.setQueryData<Me | null>(sessionKey, updated);
      void message.success(t('wb.email.cleared'));
    },
    onError,
  });

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card title={t('profile.title')}>
          <Descriptions
            column={1}
            size="small"
            style={{ marginBottom: 16 }}
            items={[
              { key: 'username', label: t('accounts.username'), children: me.username },
              { key: 'role', label: t('accounts.role'), children: enums.role(me.role) },
              { key: 'scope', label: t('accounts.scope'), children: <ScopeText scope={me.scope} /> },
            ]}
          />
          <Form<Values>
            form={form}
            layout="vertical"
            initialValues={{ displayName: me.displayName, locale: me.locale }}
            onFinish={(v) => save.mutate(v)}
          >
            <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true }]}>
              <Input maxLength={64} />
            </Form.Item>
            <Form.Item name="phone" label={t('accounts.phone')} extra={t('profile.phoneHint')}>
              <Input placeholder={me.phoneMasked ?? undefined} inputMode="tel" maxLength={20} />
            </Form.Item>
            <Form.Item
              name="email"
              label={t('wb.email.label')}
              extra={
                me.emailMasked ? (
                  <>
                    {t('wb.email.profileKeep')}
                    <Button type="link" size="small" loading={clearEmail.isPending} onClick={() => clearEmail.mutate()}>
                      {t('wb.email.clear')}
                    </Button>
                  </>
                ) : (
                  t('wb.email.hint')
                )
              }
            >
              <Input placeholder={me.emailMasked ?? undefined} inputMode="email" maxLength={254} autoComplete="email" />
            </Form.Item>
            <Form.Item name="locale" label={t('lang.label')}>
              <Select options={locales.map((l) => ({ value: l, label: t(`lang.${l}`) }))} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Form>
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('password.title')}>
          <PasswordForm />
        </Card>
      </Col>
      <Col xs={24}>
        <SessionsCard />
      </Col>
    </Row>
  );
}

/** Where the account is signed in now: end one, or all of them. */
function SessionsCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const sessions = useQuery({ queryKey: ['own-sessions'], queryFn: authApi.sessions });
  const onError = useShowError();
  const end = useMutation({
    mutationFn: authApi.endSession,
    onSuccess: () => {
      void message.success(t('profile.ended'));
      void queryClient.invalidateQueries({ queryKey: ['own-sessions'] });
    },
    onError,
  });
  const everywhere = useMutation({
    mutationFn: authApi.signOutEverywhere,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sessionKey }),
    onError,
  });
  return (
    <Card
      title={t('profile.sessions')}
      extra={(
        <Popconfirm title={t('profile.signOutEverywhereConfirm')} onConfirm={() => everywhere.mutate()}>
          <Button danger loading={everywhere.isPending}>{t('profile.signOutEverywhere')}</Button>
        </Popconfirm>
      )}
    >
      <Typography.Paragraph type="secondary">{t('profile.sessionsHint')}</Typography.Paragraph>
      <List
        loading={sessions.isPending}
        dataSource={sessions.data ?? []}
        rowKey="id"
        renderItem={(s) => (
          <List.Item
            actions={s.current ? [] : [<Button key="end" size="small" loading={end.isPending && end.variables === s.id} onClick={() => end.mutate(s.id)}>{t('profile.end')}</Button>]}
          >
            <List.Item.Meta
              title={<>{s.ip ?? '—'} {s.current && <Tag color="blue">{t('profile.current')}</Tag>}</>}
              description={(
                <>
                  <div>{t('profile.signedInAt')} {dayjs(s.createdAt).format('YYYY-MM-DD HH:mm')} · {t('profile.lastSeen')} {dayjs(s.lastSeenAt).format('YYYY-MM-DD HH:mm')}</div>
                  <Typography.Text type="secondary" ellipsis style={{ maxWidth: '100%' }}>{t('profile.agent')} {s.userAgent ?? '—'}</Typography.Text>
                </>
              )}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
