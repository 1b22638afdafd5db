import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Grid, Input, Pagination, Select, Space, Tabs, Tag, Typography, Upload, type TableColumnsType, type UploadFile } from 'antd';
import { PaperClipOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { PageCard } from '../../components/PageCard';
import { FilterBar, ServerTable } from '../../components/ListParts';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { useShowError } from '../../errors';
import { parseEnum, useFormSync, useListParams } from '../../hooks/useListParams';
import { oversightApi, type Filing, type FilingNotice } from '../../services/oversight';

interface FilingValues { filedWith: string; filedOn: dayjs.Dayjs; referenceNo?: string; note?: string; files?: UploadFile[] }
type Row = FilingNotice & { id: string };

/** One more file for a filing, from a button beside it. */
function AttachButton({ filing, onDone }: { filing: Filing; onDone: () => void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const attach = useMutation({ mutationFn: (file: File) => oversightApi.attachToFiling(filing.id, file), onSuccess: onDone, onError: showError });
  return (
    <Upload showUploadList={false} beforeUpload={(file) => { attach.mutate(file); return false; }}>
      <Button size="small" type="link" icon={<UploadOutlined />} loading={attach.isPending}>{t('ov.filing.attach')}</Button>
    </Upload>
  );
}

/**
 * Filing (备案) of rectification reports: the notices with rectification items, filed or not; the issuing
 * office records a filing (with whom, when, reference) and uploads the filed report or the receipt.
 */
export default function FilingsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const list = useListParams(['filed', 'q', 'year'] as const);
  const [form] = Form.useForm<{ q?: string }>();
  useFormSync(form, { q: list.filters.q });
  const [filing, setFiling] = useState<FilingNotice>();
  const filed = list.filters.filed === 'all' ? undefined : (parseEnum(['true', 'false'] as const, list.filters.filed) ?? 'false');
  const year = Number(list.filters.year) || undefined;
  const query = { filed, q: list.filters.q, year, page: list.paging.page, pageSize: list.paging.pageSize, order: list.paging.order };
  const { data, error, isFetching } = useQuery({ queryKey: ['oversight', 'filings', query], queryFn: () => oversightApi.filings(query), placeholderData: keepPreviousData });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['oversight', 'filings'] });
  const years = Array.from({ length: 6 }, (_, i) => dayjs().year() - i);

  const narrow = !Grid.useBreakpoint().md;
  const filingLines = (r: FilingNotice) => (r.filings.length === 0 ? <Tag color="warning">{t('ov.filing.notFiledTag')}</Tag> : (
    <Space orientation="vertical" size={6}>
      {r.filings.map((f) => (
        <Space key={f.id} orientation="vertical" size={0} data-testid={`filing-${f.id}`}>
          <Space size={6} wrap>
            <Tag color="success">{t('ov.filing.filedTag')}</Tag>
            <Typography.Text>{t('ov.filing.line', { date: f.filedOn, to: f.filedWith })}</Typography.Text>
            {f.referenceNo && <Typography.Text type="secondary">{f.referenceNo}</Typography.Text>}
          </Space>
          {f.note && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{f.note}</Typography.Text>}
          <Space size={8} wrap>
            {f.files.map((file) => <a key={file.id} href={file.url} target="_blank" rel="noreferrer"><PaperClipOutlined /> {file.name}</a>)}
            {r.abilities.file && <AttachButton filing={f} onDone={refresh} />}
          </Space>
        </Space>
      ))}
    </Space>
  ));
  const noticeCell = (r: FilingNotice) => (
    <Space orientation="vertical" size={0}>
      <Link to={`/notices/${r.notice.id}`}>{r.notice.title}</Link>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{[r.notice.docNumber, r.notice.typeName, r.notice.issuerName, r.notice.issueDate].filter(Boolean).join(' · ')}</Typography.Text>
    </Space>
  );
  const itemsLink = (r: FilingNotice) => <Link to={`/rectifications?noticeId=${r.notice.id}`}>{r.rectifications.signedOff} / {r.rectifications.total}</Link>;
  const recordButton = (r: FilingNotice) => r.abilities.file && <Button size="small" icon={<PlusOutlined />} onClick={() => setFiling(r)}>{t('ov.filing.record')}</Button>;
  const columns: TableColumnsType<Row> = [
    { key: 'notice', title: t('ov.filing.notice'), width: 300, render: (_, r) => noticeCell(r) },
    { key: 'items', title: t('ov.filing.items'), width: 130, align: 'right', render: (_, r) => itemsLink(r) },
    { key: 'filings', title: t('ov.filing.status'), width: 320, render: (_, r) => filingLines(r) },
    { key: 'actions', title: t('common.actions'), width: 120, render: (_, r) => recordButton(r) },
  ];

  return (
    <PageCard title={t('ov.filing.title')}>
      <Tabs
        activeKey={filed ?? 'all'} onChange={(key) => list.set({ filed: key })}
        items={(['false', 'true', 'all'] as const).map((key) => ({ key, label: t(`ov.filing.tabs.${key}`) }))}
      />
      <FilterBar<{ q?: string }> form={form} list={list}>
        <Form.Item name="q"><Input allowClear placeholder={t('ov.filing.search')} style={{ width: 200 }} /></Form.Item>
        <Form.Item>
          <Select allowClear placeholder={t('ov.year')} style={{ width: 110 }} value={year} onChange={(y?: number) => list.set({ year: y })}
            options={years.map((y) => ({ value: y, label: t('ov.yearValue', { year: y }) }))} />
        </Form.Item>
      </FilterBar>
      {narrow ? (
        // On a phone each notice is a card, so its filing status and the button need no sideways scrolling.
        error ? <ErrorResult error={error} /> : (
          <Space orientation="vertical" size={12} style={{ width: '100%' }}>
            {data?.items.map((r) => (
              <Card key={r.notice.id} size="small" data-testid={`notice-${r.notice.id}`}>
                <Space orientation="vertical" size={8} style={{ width: '100%' }}>
                  {noticeCell(r)}
                  <Space size={6}><Typography.Text type="secondary">{t('ov.filing.items')}</Typography.Text>{itemsLink(r)}</Space>
                  {filingLines(r)}
                  {recordButton(r)}
                </Space>
              </Card>
            ))}
            <Pagination size="small" {...list.pagination(data?.total)} onChange={(page, pageSize) => list.set({ page, pageSize }, false)} />
          </Space>
        )
      ) : (
        <ServerTable<Row>
          list={list} columns={columns} error={error} loading={isFetching} scrollX={870}
          data={data && { total: data.total, items: data.items.map((r) => ({ ...r, id: r.notice.id })) }}
        />
      )}
      {filing && (
        <FormModal<FilingValues>
          title={`${t('ov.filing.record')} · ${filing.notice.title}`}
          initialValues={{ filedOn: dayjs() }}
          onClose={() => setFiling(undefined)}
          onSubmit={async (v) => {
            const saved = await oversightApi.recordFiling({
              noticeId: filing.notice.id, filedWith: v.filedWith, filedOn: v.filedOn.format('YYYY-MM-DD'), referenceNo: v.referenceNo || null, note: v.note || null,
            });
            // The filing is saved: a refused file is reported, not retried by saving the filing again.
            try {
              for (const f of v.files ?? []) if (f.originFileObj) await oversightApi.attachToFiling(saved.id, f.originFileObj);
              void message.success(t('common.saved'));
            } catch (e) {
              showError(e);
            }
            refresh();
          }}
        >
          <Form.Item name="filedWith" label={t('ov.filing.filedWith')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} placeholder={t('ov.filing.filedWithHint')} />
          </Form.Item>
          <Form.Item name="filedOn" label={t('ov.filing.filedOn')} rules={[{ required: true }]}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="referenceNo" label={t('ov.filing.referenceNo')}><Input maxLength={100} /></Form.Item>
          <Form.Item name="note" label={t('ov.filing.note')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
          <Form.Item name="files" label={t('ov.filing.attachment')} extra={t('ov.filing.attachHint')} valuePropName="fileList" getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList}>
            <Upload beforeUpload={() => false} multiple>
              <Button icon={<UploadOutlined />}>{t('ov.filing.attach')}</Button>
            </Upload>
          </Form.Item>
        </FormModal>
      )}
    </PageCard>
  );
}
