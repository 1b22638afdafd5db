import { Button } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { changeLocale, currentLocale } from '../i18n';
import { locales } from '../services/auth';

/** One button that switches to the other language, named in that language (a select weighs 20 kB more on sign-in). */
export function LanguageSwitch() {
  const { t } = useTranslation();
  const other = locales.find((locale) => locale !== currentLocale()) ?? locales[0];
  return (
    <Button type="text" aria-label={t('lang.label')} icon={<GlobalOutlined />} onClick={() => void changeLocale(other)}>
      {t(`lang.${other}`)}
    </Button>
  );
}
