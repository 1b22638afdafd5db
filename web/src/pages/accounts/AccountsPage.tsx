import { useState } from 'react';
import { App, Button, Form, Input, Popconfirm, Select, Space, Tag, Tooltip, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ActiveTag } from '../../components/ActiveTag';
import { PageCard } from '../../components/PageCard';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { ScopeText } from '../../components/ScopeText';
import { useEnums } from '../../enums';
import { useShowError } from '../../errors';
import { formatDateTime } from '../../format';
import { parseBool, parseEnum, useFormSync, useListParams } from '../../hooks/useListParams';
import { accountsApi, type Account } from '../../services/accounts';
import { roles } from '../../services/auth';
import { useAccess } from '../../session';
import { AccountFormModal, ResetPasswordModal } from './AccountForms';

const filterKeys = ['q', 'role', 'active'] as const;
type FilterValues = Partial<Record<(typeof filterKeys)[number], string>>;

type Dialog = { kind: 'create' } | { kind: 'edit' | 'reset'; account: Account };

export default function AccountsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const enums = useEnums();
  const { can } = useAccess();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const list = useListParams(filterKeys);
  const [form] = Form.useForm<FilterValues>();
  useFormSync(form, list.filters);
  const [dialog, setDialog] = useState<Dialog | null>(null);

  const query = {
    ...list.paging,
    q: list.filters.q,
    role: parseEnum(roles, list.filters.role),
    active: parseBool(list.filters.active),
  };
  const { data, error, isFetching } = useQuery({
    queryKey: ['accounts', 'list', query],
    queryFn: () => accountsApi.list(query),
    placeholderData: keepPreviousData,
  });

  const saved = () => {
    void queryClient.invalidateQueries({ queryKey: ['accounts'] });
    void message.success(t('common.saved'));
  };
  const unlock = useMutation({ mutationFn: accountsApi.unlock, onSuccess: saved, onError: showError });

  const sortable = (key: string) => ({ key, dataIndex: key, sorter: true, sortOrder: list.sortOrderOf(key) });
  const columns: TableColumnsType<Account> = [
    { ...sortable('username'), title: t('accounts.username'), fixed: 'left', width: 140 },
    { ...sortable('displayName'), title: t('accounts.displayName'), width: 140 },
    { ...sortable('role'), title: t('accounts.role'), width: 130, render: (_, a) => enums.role(a.role) },
    { key: 'scope', title: t('accounts.scope'), width: 200, render: (_, a) => <ScopeText scope={a.scope} /> },
    { key: 'phone', title: t('accounts.phone'), width: 130, render: (_, a) => a.phoneMasked ?? '—' },
    { key: 'email', title: t('wb.email.label'), width: 180, render: (_, a) => a.emailMasked ?? '—' },
    {
      key: 'status',
      title: t('common.status'),
      width: 190,
      render: (_, a) => (
        <Space size={4} wrap>
          <ActiveTag active={a.active} />
          {a.locked && (
            <Tooltip title={a.lockedUntil ? t('accounts.lockedUntil', { time: formatDateTime(a.lockedUntil) }) : undefined}>
              <Tag color="red">{t('accounts.locked')}</Tag>
            </Tooltip>
          )}
          {a.mustChangePassword && <Tag color="orange">{t('accounts.mustChange')}</Tag>}
        </Space>
      ),
    },
    { ...sortable('lastSignInAt'), title: t('accounts.lastSignInAt'), width: 160, render: (_, a) => formatDateTime(a.lastSignInAt) },
    {
      key: 'actions',
      title: t('common.actions'),
      fixed: 'right',
      width: 200,
      render: (_, a) => (
        <Space size={0} wrap>
          {a.abilities.update && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', account: a })}>
              {t('common.edit')}
            </Button>
          )}
          {a.abilities.resetPassword && (
            <Button type="link" size="small" onClick={() => setDialog({ kind: 'reset', account: a })}>
              {t('accounts.resetPassword')}
            </Button>
          )}
          {a.abilities.unlock && a.locked && (
            <Popconfirm title={t('accounts.unlockConfirm', { name: a.username })} onConfirm={() => unlock.mutate(a.id)}>
              <Button type="link" size="small">
                {t('accounts.unlock')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <PageCard
      title={t('menu.accounts')}
      actions={
        can('accounts.write') && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'create' })}>
            {t('common.create')}
          </Button>
        )
      }
    >
      <FilterBar<FilterValues> form={form} list={list}>
        <Form.Item name="q">
          <Input allowClear placeholder={t('accounts.searchPlaceholder')} style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="role">
          <Select allowClear placeholder={t('accounts.role')} options={enums.roleOptions} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="active">
          <Select allowClear placeholder={t('common.status')} options={enums.activeOptions} style={{ width: 110 }} />
        </Form.Item>
      </FilterBar>
      <ServerTable<Account> list={list} columns={columns} data={data} error={error} loading={isFetching} scrollX={1290} />
      {dialog?.kind === 'create' && <AccountFormModal onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === 'edit' && <AccountFormModal account={dialog.account} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog?.kind === 'reset' && <ResetPasswordModal account={dialog.account} onClose={() => setDialog(null)} onSaved={saved} />}
    </PageCard>
  );
}
