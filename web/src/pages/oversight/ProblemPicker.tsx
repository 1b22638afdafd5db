import { useState, type ReactNode } from 'react';
import { Form, Input, Modal, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../hooks/useDebouncedValue';
import { useFormErrorHandler } from '../../errors';
import { problemsApi, type ProblemListItem } from '../../services/supervision';

const statusColor = { open: 'default', rectifying: 'processing', closed: 'success' } as const;
const problemStatuses = ['open', 'rectifying', 'closed'] as const;

/**
 * A dialog to choose problems from the register (searched on the server, ticks kept across pages and
 * searches), with the list's title when a list is being made.
 */
export function ProblemPicker({ title, withTitle, exclude = [], onClose, onSubmit }: {
  title: ReactNode;
  /** Ask for the list's title too. */
  withTitle?: boolean;
  /** Problems already on the list: shown ticked and fixed. */
  exclude?: string[];
  onClose: () => void;
  onSubmit: (values: { title: string; problemIds: string[] }) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ title: string }>();
  const onError = useFormErrorHandler(form);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search);
  const [status, setStatus] = useState<(typeof problemStatuses)[number]>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 10 });
  const [picked, setPicked] = useState<string[]>([]);
  const query = { q: q || undefined, status, ...paging };
  const { data, isFetching } = useQuery({ queryKey: ['problems', 'list', query], queryFn: () => problemsApi.list(query), placeholderData: keepPreviousData });
  const save = useMutation({ mutationFn: (listTitle: string) => onSubmit({ title: listTitle, problemIds: picked }), onSuccess: onClose, onError });
  const columns: TableColumnsType<ProblemListItem> = [
    { key: 'description', title: t('ov.clearance.problem'), width: 260, render: (_, p) => p.description },
    { key: 'unit', title: t('ov.unit'), width: 160, render: (_, p) => p.unit?.name ?? p.region.name },
    { key: 'status', title: t('ov.clearance.problemStatus'), width: 100, render: (_, p) => <Tag color={statusColor[p.status]}>{t(`rc.problemStatus.${p.status}`)}</Tag> },
  ];
  return (
    <Modal
      open width={760} title={title} okText={t('common.save')} onCancel={onClose} mask={{ closable: false }} confirmLoading={save.isPending}
      okButtonProps={{ disabled: picked.length === 0 }}
      onOk={() => (withTitle ? form.submit() : save.mutate(''))}
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v.title)} style={{ marginTop: 16 }}>
        {withTitle && (
          <Form.Item name="title" label={t('ov.clearance.title')} rules={[{ required: true, whitespace: true }]}><Input maxLength={200} /></Form.Item>
        )}
        <Form.Item label={t('ov.clearance.pickProblems')} extra={t('ov.clearance.pickHint')}>
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Space wrap>
              <Input.Search allowClear placeholder={t('sv.searchProblem')} style={{ width: 240 }} value={search} onChange={(e) => { setSearch(e.target.value); setPaging((p) => ({ ...p, page: 1 })); }} />
              <Select allowClear placeholder={t('ov.clearance.problemStatus')} style={{ width: 130 }} value={status}
                onChange={(s) => { setStatus(s); setPaging((p) => ({ ...p, page: 1 })); }}
                options={problemStatuses.map((s) => ({ value: s, label: t(`rc.problemStatus.${s}`) }))} />
              <Typography.Text type="secondary">{t('ov.clearance.picked', { count: picked.length })}</Typography.Text>
            </Space>
            <Table<ProblemListItem>
              rowKey="id" size="small" columns={columns} dataSource={data?.items} loading={isFetching} scroll={{ x: 560 }}
              rowSelection={{
                selectedRowKeys: [...exclude, ...picked], preserveSelectedRowKeys: true,
                getCheckboxProps: (p) => ({ disabled: exclude.includes(p.id) }),
                onChange: (keys) => setPicked(keys.map(String).filter((k) => !exclude.includes(k))),
              }}
              pagination={{ current: paging.page, pageSize: paging.pageSize, total: data?.total, size: 'small', onChange: (page, pageSize) => setPaging({ page, pageSize }) }}
            />
          </Space>
        </Form.Item>
      </Form>
    </Modal>
  );
}
