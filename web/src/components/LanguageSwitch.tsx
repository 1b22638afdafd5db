import { Select } from 'antd';
import { GlobalOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { changeLocale, currentLocale } from '../i18n';
import { locales, type Locale } from '../services/auth';

export function LanguageSwitch() {
  const { t } = useTranslation();
  return (
    <Select<Locale>
      aria-label={t('lang.label')}
      value={currentLocale()}
      onChange={(locale) => void changeLocale(locale)}
      options={locales.map((locale) => ({ value: locale, label: t(`lang.${locale}`) }))}
      prefix={<GlobalOutlined />}
      variant="borderless"
      popupMatchSelectWidth={false}
    />
  );
}
