import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { errorText } from '../errors';
import { ApiError } from '../services/client';

/** What a page shows instead of its content when loading it failed; the button leads to `backTo`. */
export function ErrorResult({ error, backTo = '/' }: { error: unknown; backTo?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const back = (
    <Button type="primary" onClick={() => void navigate(backTo)}>
      {backTo === '/' ? t('common.home') : t('common.back')}
    </Button>
  );
  if (error instanceof ApiError && error.status === 404) {
    return <Result status="404" title={t('error.notFoundTitle')} subTitle={t('error.notFound')} extra={back} />;
  }
  if (error instanceof ApiError && error.status === 403) {
    return <Result status="403" title={t('error.forbiddenTitle')} subTitle={error.message} extra={back} />;
  }
  return <Result status="error" title={t('error.loadFailed')} subTitle={errorText(t, error)} extra={back} />;
}
