import { App, Button, Descriptions } from 'antd';
import { EyeOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useShowError } from '../../errors';

/** Shows the full phone and ID numbers on request; the server audits each such read. */
export function PersonalButton({ load }: { load: () => Promise<Record<string, string | null>> }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const showError = useShowError();
  const reveal = useMutation({
    mutationFn: load,
    onSuccess: (numbers) => {
      const label = (key: string) => (key === 'idNumber' ? t('people.idNumber') : t('people.phone'));
      modal.info({
        title: t('people.fullNumbers'),
        content: (
          <>
            <Descriptions size="small" column={1} items={Object.entries(numbers).map(([key, value]) => ({ key, label: label(key), children: value ?? '—' }))} />
            <p style={{ marginTop: 8, color: '#888' }}>{t('people.fullNumbersAudited')}</p>
          </>
        ),
      });
    },
    onError: showError,
  });
  return (
    <Button icon={<EyeOutlined />} loading={reveal.isPending} onClick={() => reveal.mutate()}>
      {t('people.showFull')}
    </Button>
  );
}
