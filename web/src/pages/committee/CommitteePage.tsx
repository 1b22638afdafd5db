import { useState } from 'react';
import { App, Button, Checkbox, Form, Input, InputNumber, Select, Space, Table, Tabs, Tag, Timeline, type TableColumnsType } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PageCard } from '../../components/PageCard';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useAccess } from '../../session';
import { unitsApi } from '../../services/units';
import { committeeApi, committeeRoles, type Member, type MemberInput } from '../../services/committee';
import { PersonalButton } from '../inspectors/PersonalButton';
import { usePeopleEnums } from '../inspectors/peopleEnums';
import { DateField } from '../../components/DateField';

/** Units of the kind "committee member unit", searched on the server. */
function MemberUnitSelect({ value, onChange, id }: { value?: string; onChange?: (v: string | undefined) => void; id?: string }) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search);
  const { data, isFetching } = useQuery({ queryKey: ['units', 'search', 'member_unit', q], queryFn: () => unitsApi.list({ q, kind: 'member_unit', pageSize: 20, active: true }) });
  return <Select id={id} value={value} onChange={onChange} allowClear loading={isFetching} showSearch={{ filterOption: false, onSearch: setSearch }} options={(data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} style={{ width: '100%' }} />;
}

type Dialog = { kind: 'add' } | { kind: 'edit' | 'leave'; member: Member } | null;

function Members() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const enums = usePeopleEnums();
  const { can } = useAccess();
  const queryClient = useQueryClient();
  const [asOf, setAsOf] = useState('');
  const [history, setHistory] = useState(false);
  const [page, setPage] = useState(1);
  const [dialog, setDialog] = useState<Dialog>(null);
  const filters = { asOf: asOf || undefined, history: history || undefined };
  const { data, error, isFetching } = useQuery({ queryKey: ['committee', 'list', filters, page], queryFn: () => committeeApi.list({ ...filters, page, pageSize: 20 }), placeholderData: keepPreviousData });
  const L = (key: string) => t(`people.committee.${key}` as never) as string;
  if (error) return <ErrorResult error={error} />;
  const done = () => {
    void queryClient.invalidateQueries({ queryKey: ['committee'] });
    void message.success(t('common.saved'));
  };
  const columns: TableColumnsType<Member> = [
    { key: 'unit', title: L('unit'), width: 200, render: (_, m) => m.unit.name },
    { key: 'role', title: L('role'), width: 110, render: (_, m) => <Tag color={m.role === 'member' ? 'default' : 'blue'}>{enums.label('committeeRole', m.role)}</Tag> },
    { key: 'representative', title: L('representative'), width: 160, render: (_, m) => [m.representative, m.representativeTitle].filter(Boolean).join('，') || '—' },
    { key: 'phone', title: L('representativePhone'), width: 130, render: (_, m) => m.representativePhoneMasked ?? '—' },
    { key: 'joinedOn', dataIndex: 'joinedOn', title: L('joinedOn'), width: 110 },
    { key: 'leftOn', title: L('leftOn'), width: 110, render: (_, m) => m.leftOn ?? '—' },
    { key: 'committee', title: L('committee'), width: 110, render: (_, m) => m.region.name },
    {
      key: 'actions', title: t('common.actions'), width: 220, render: (_, m) => (
        <Space size={0} wrap>
          {m.abilities.update && <Button type="link" size="small" onClick={() => setDialog({ kind: 'edit', member: m })}>{t('common.edit')}</Button>}
          {m.abilities.update && <Button type="link" size="small" danger onClick={() => setDialog({ kind: 'leave', member: m })}>{L('leave')}</Button>}
          {can('personal.read_full') && m.representativePhoneMasked && <PersonalButton load={() => committeeApi.personal(m.id).then((r) => ({ phone: r.representativePhone }))} />}
        </Space>
      ),
    },
  ];
  return (
    <>
      <Space wrap style={{ marginBottom: 16 }}>
        {can('committee.write') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'add' })}>{L('add')}</Button>}
        <span>{L('asOf')}</span>
        <DateField value={asOf} onChange={(v) => { setAsOf(v ?? ''); setPage(1); }} style={{ width: 160 }} />
        <Checkbox checked={history} onChange={(e) => { setHistory(e.target.checked); setPage(1); }}>{L('allHistory')}</Checkbox>
        <Button icon={<DownloadOutlined />} href={committeeApi.exportUrl(filters)}>{L('export')}</Button>
      </Space>
      <Table<Member> rowKey="id" size="middle" columns={columns} dataSource={data?.items} loading={isFetching} scroll={{ x: 1150 }}
        pagination={{ current: page, total: data?.total, pageSize: 20, onChange: setPage, showTotal: (count) => t('common.total', { count }) }} />
      {dialog?.kind === 'add' && (
        <FormModal<MemberInput> title={L('add')} initialValues={{ role: 'member' }} onClose={() => setDialog(null)} onSubmit={async (v) => { await committeeApi.add(v); done(); }}>
          <Form.Item name="regionId" label={L('committee')} rules={[{ required: true }]}><RegionTreeSelect /></Form.Item>
          <Form.Item name="unitId" label={L('unit')} rules={[{ required: true }]}><MemberUnitSelect /></Form.Item>
          <Form.Item name="role" label={L('role')} rules={[{ required: true }]}><Select options={enums.options('committeeRole', committeeRoles)} /></Form.Item>
          <Form.Item name="representative" label={L('representative')}><Input maxLength={50} /></Form.Item>
          <Form.Item name="representativeTitle" label={L('representativeTitle')}><Input maxLength={100} /></Form.Item>
          <Form.Item name="representativePhone" label={L('representativePhone')}><Input maxLength={20} inputMode="tel" /></Form.Item>
          <Form.Item name="joinedOn" label={L('joinedOn')} rules={[{ required: true }]}><DateField /></Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'edit' && (
        <FormModal<Pick<MemberInput, 'role' | 'representative' | 'representativeTitle' | 'remarks'>> title={L('editTitle')} onClose={() => setDialog(null)}
          initialValues={{ role: dialog.member.role, representative: dialog.member.representative, representativeTitle: dialog.member.representativeTitle, remarks: dialog.member.remarks }}
          onSubmit={async (v) => { await committeeApi.update(dialog.member.id, v); done(); }}>
          <Form.Item name="role" label={L('role')}><Select options={enums.options('committeeRole', committeeRoles)} /></Form.Item>
          <Form.Item name="representative" label={L('representative')}><Input maxLength={50} /></Form.Item>
          <Form.Item name="representativeTitle" label={L('representativeTitle')}><Input maxLength={100} /></Form.Item>
          <Form.Item name="remarks" label={t('people.remarks')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </FormModal>
      )}
      {dialog?.kind === 'leave' && (
        <FormModal<{ leftOn: string }> title={`${L('leaveTitle')}：${dialog.member.unit.name}`} onClose={() => setDialog(null)} onSubmit={async (v) => { await committeeApi.leave(dialog.member.id, v.leftOn); done(); }}>
          <Form.Item name="leftOn" label={L('leftOn')} rules={[{ required: true }]}><DateField /></Form.Item>
        </FormModal>
      )}
    </>
  );
}

function History() {
  const { t } = useTranslation();
  const enums = usePeopleEnums();
  const [year, setYear] = useState<number | null>(null);
  const { data, error } = useQuery({ queryKey: ['committee', 'history', year], queryFn: () => committeeApi.history({ year: year ?? undefined }) });
  if (error) return <ErrorResult error={error} />;
  return (
    <>
      <Space style={{ marginBottom: 16 }}>
        <span>{t('people.committee.year')}</span>
        <InputNumber min={1990} max={2100} value={year} onChange={setYear} />
      </Space>
      <Timeline items={(data ?? []).map((e) => ({
        key: `${e.date}-${e.unit.id}-${e.event}`,
        color: e.event === 'joined' ? 'green' : 'gray',
        content: `${e.date} ${e.region.name} · ${e.unit.name}（${enums.label('committeeRole', e.role)}）${t(`people.committee.${e.event}` as never)}`,
      }))} />
    </>
  );
}

export default function CommitteePage() {
  const { t } = useTranslation();
  return (
    <PageCard title={t('people.committee.title')}>
      <Tabs destroyOnHidden items={[
        { key: 'members', label: t('people.committee.members'), children: <Members /> },
        { key: 'history', label: t('people.committee.history'), children: <History /> },
      ]} />
    </PageCard>
  );
}
