import { App, Button, Card, Col, Descriptions, Form, Input, Row, Select } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useEnums } from '../../enums';
import { useFormErrorHandler } from '../../errors';
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
    </Row>
  );
}
