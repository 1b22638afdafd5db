import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

export function NotFoundPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Result
      status="404"
      title={t('error.pageNotFoundTitle')}
      subTitle={t('error.pageNotFound')}
      extra={<Button type="primary" onClick={() => void navigate('/')}>{t('common.home')}</Button>}
    />
  );
}
