import { Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../../components/LanguageSwitch';
import { useSignOut } from '../../hooks/useSignOut';
import { useMe } from '../../session';
import { PasswordForm } from './PasswordForm';

/** Shown alone, without the menu, until an account that must change its password has done so. */
export function ForcedPasswordPage() {
  const { t } = useTranslation();
  const me = useMe();
  const signOut = useSignOut();

  return (
    <div style={{ minHeight: '100vh', background: '#f5f7fa', padding: 16 }}>
      <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
        <LanguageSwitch />
      </div>
      <Card
        style={{ maxWidth: 480, margin: '48px auto 0' }}
        title={t('password.forcedTitle')}
        extra={
          <Button type="link" onClick={() => signOut.mutate()} loading={signOut.isPending}>
            {t('menu.signOut')}
          </Button>
        }
      >
        <Typography.Paragraph type="secondary">{t('password.forcedHint', { name: me.displayName })}</Typography.Paragraph>
        <PasswordForm />
      </Card>
    </div>
  );
}
