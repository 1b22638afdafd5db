import { useTranslation } from 'react-i18next';
import type { Scope } from '../services/auth';

export function ScopeText({ scope }: { scope: Scope }) {
  const { t } = useTranslation();
  switch (scope.kind) {
    case 'all':
      return <>{t('scope.all')}</>;
    case 'none':
      return <>{t('scope.none')}</>;
    case 'region':
      return <>{t('scope.region', { name: scope.regionName ?? scope.regionId })}</>;
    case 'unit':
      return <>{t('scope.unit', { name: scope.unitName ?? scope.unitId })}</>;
  }
}
