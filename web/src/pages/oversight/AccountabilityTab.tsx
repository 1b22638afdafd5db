import { useState, type ReactNode } from 'react';
import { App, Button, DatePicker, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { UnitSelect } from '../../components/UnitSelect';
import { useAccess } from '../../session';
import { accountabilityKinds, oversightApi, type AccountabilityKind, type Measure } from '../../services/oversight';
import { rectificationApi } from '../../services/rectification';

interface MeasureValues { unitId: string; kind: AccountabilityKind; reason: string; decidedOn: dayjs.Dayjs; rectificationId?: string }

/** The unit's rectification items the measure answers for (optional): overdue ones first. */
function UnitItemSelect({ unitId, value, onChange, id }: { unitId?: string; value?: string; onChange?: (v?: string) => void; id?: string }) {
  const { t } = useTranslation();
  const { data, isFetching } = useQuery({
    queryKey: ['rectifications', 'of-unit', unitId], enabled: !!unitId,
    queryFn: () => rectificationApi.list({ unitId, sort: 'deadline', order: 'asc', pageSize: 50 }),
  });
  return (
    <Select id={id} allowClear disabled={!unitId} loading={isFetching} value={value} onChange={onChange} placeholder={t('ov.accountability.itemHint')}
      options={(data?.items ?? []).map((r) => ({ value: r.id, label: `${r.overdue ? `【${t('ov.fig.overdue')}】` : ''}${r.demand}（${r.deadline}）` }))} />
  );
}

const kindColor: Record<AccountabilityKind, string> = {
  criticism: 'volcano', interview: 'orange', written_inspection: 'gold', accountability_proposal: 'red', assessment_deduction: 'purple',
};

/** Accountability measures (问责) of the year in scope, and the office's dialog to record one. */
export function AccountabilityTab({ year, yearSelect }: { year: number; yearSelect: ReactNode }) {
  const { t } = useTranslation();
  const { can } = useAccess();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [kind, setKind] = useState<AccountabilityKind>();
  const [recording, setRecording] = useState(false);
  const query = { year, kind, ...paging };
  const { data, error, isFetching } = useQuery({ queryKey: ['oversight', 'accountability', query], queryFn: () => oversightApi.measures(query), placeholderData: keepPreviousData });
  const columns: TableColumnsType<Measure> = [
    { key: 'decidedOn', title: t('ov.accountability.decidedOn'), width: 110, render: (_, m) => m.decidedOn },
    { key: 'unit', title: t('ov.unit'), width: 180, render: (_, m) => m.unit.name },
    { key: 'kind', title: t('ov.accountability.kind'), width: 130, render: (_, m) => <Tag color={kindColor[m.kind]}>{t(`ov.accountability.kindLabel.${m.kind}`)}</Tag> },
    { key: 'reason', title: t('ov.accountability.reason'), width: 260, render: (_, m) => m.reason },
    {
      key: 'refs', title: t('ov.accountability.notice'), width: 220,
      render: (_, m) => (
        <Space orientation="vertical" size={0}>
          {m.notice ? <Link to={`/notices/${m.notice.id}`}>{m.notice.docNumber ?? m.notice.title}</Link> : '—'}
          {m.rectification && <Link to={`/rectifications/${m.rectification.id}`} style={{ fontSize: 12 }}>{m.rectification.demand}</Link>}
        </Space>
      ),
    },
    { key: 'office', title: t('ov.accountability.office'), width: 120, render: (_, m) => m.office.name },
    { key: 'createdBy', title: t('ov.accountability.createdBy'), width: 120, render: (_, m) => <Typography.Text type="secondary">{m.createdBy}</Typography.Text> },
  ];
  if (error) return <ErrorResult error={error} />;
  return (
    <Space orientation="vertical" size={12} style={{ width: '100%' }}>
      <Space wrap>
        {yearSelect}
        <Select<AccountabilityKind>
          allowClear placeholder={t('ov.accountability.kind')} style={{ width: 150 }} value={kind} onChange={(k) => { setKind(k); setPaging((p) => ({ ...p, page: 1 })); }}
          options={accountabilityKinds.map((k) => ({ value: k, label: t(`ov.accountability.kindLabel.${k}`) }))}
        />
        {can('rectification.verify') && <Button type="primary" icon={<PlusOutlined />} onClick={() => setRecording(true)}>{t('ov.accountability.record')}</Button>}
      </Space>
      <Table<Measure>
        rowKey="id" size="middle" columns={columns} dataSource={data?.items} loading={isFetching} scroll={{ x: 1150 }} locale={{ emptyText: t('ov.accountability.empty') }}
        pagination={{
          current: paging.page, pageSize: paging.pageSize, total: data?.total, showSizeChanger: true,
          showTotal: (count) => t('common.total', { count }), onChange: (page, pageSize) => setPaging({ page, pageSize }),
        }}
      />
      {recording && (
        <FormModal<MeasureValues>
          title={t('ov.accountability.record')}
          initialValues={{ decidedOn: dayjs() }}
          onClose={() => setRecording(false)}
          onSubmit={async (v) => {
            await oversightApi.recordMeasure({ unitId: v.unitId, kind: v.kind, reason: v.reason, decidedOn: v.decidedOn.format('YYYY-MM-DD'), rectificationId: v.rectificationId });
            void queryClient.invalidateQueries({ queryKey: ['oversight', 'accountability'] });
            void message.success(t('common.saved'));
          }}
        >
          <Form.Item name="unitId" label={t('ov.unit')} rules={[{ required: true }]}><UnitSelect /></Form.Item>
          <Form.Item noStyle dependencies={['unitId']}>
            {({ getFieldValue }) => (
              <Form.Item name="rectificationId" label={t('ov.accountability.item')}><UnitItemSelect unitId={getFieldValue('unitId')} /></Form.Item>
            )}
          </Form.Item>
          <Form.Item name="kind" label={t('ov.accountability.kind')} rules={[{ required: true }]}>
            <Select options={accountabilityKinds.map((k) => ({ value: k, label: t(`ov.accountability.kindLabel.${k}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('ov.accountability.reason')} rules={[{ required: true }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
          <Form.Item name="decidedOn" label={t('ov.accountability.decidedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
        </FormModal>
      )}
    </Space>
  );
}
