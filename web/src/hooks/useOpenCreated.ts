import { App } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';

/** After a record is created from a list: refresh that list, say it was saved, and open the new record. */
export function useOpenCreated(listKey: string, basePath: string) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  return (created: { id: string }) => {
    void queryClient.invalidateQueries({ queryKey: [listKey] });
    void message.success(t('common.saved'));
    void navigate(`${basePath}/${created.id}`);
  };
}
