import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Input, List, Popconfirm, Skeleton, Space, Table, Tag, Typography, Upload, type TableColumnsType } from 'antd';
import {
  ArrowLeftOutlined, CheckOutlined, DeleteOutlined, EditOutlined, FilePdfOutlined, FileWordOutlined, RollbackOutlined, SendOutlined, StopOutlined, UploadOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorResult } from '../../components/ErrorResult';
import { FormModal } from '../../components/FormModal';
import { PageCard } from '../../components/PageCard';
import { useShowError } from '../../errors';
import { formatDateTime, formatFileSize } from '../../format';
import { noticesApi, type Notice, type NoticeItem, type NoticeRecipient } from '../../services/notices';
import { DraftEditor, NoticeStatusTag, RectificationTag, ReplyModal } from './NoticeParts';

type Dialog = null | 'edit' | 'approve' | 'return' | 'withdraw' | { reply: NoticeRecipient[] };

/** A notice: the draft editor and the approval steps for the office, acknowledgement and replies for recipients. */
export default function NoticeDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const queryClient = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const { data: n, error, isPending } = useQuery({ queryKey: ['notices', id], queryFn: () => noticesApi.get(id) });
  const saved = (next: Notice) => {
    queryClient.setQueryData(['notices', id], next);
    void queryClient.invalidateQueries({ queryKey: ['notices', 'list'] });
    void message.success(t('common.saved'));
  };
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: ['notices'] });
    void queryClient.invalidateQueries({ queryKey: ['inbox'] });
  };
  const step = useMutation({ mutationFn: (run: () => Promise<Notice>) => run(), onSuccess: saved, onError: showError });
  const acknowledge = useMutation({
    mutationFn: (unitId: string) => noticesApi.acknowledge(id, unitId),
    onSuccess: () => { refresh(); void message.success(t('nt.acknowledged')); },
    onError: showError,
  });
  const upload = useMutation({ mutationFn: (file: File) => noticesApi.upload(id, file), onSuccess: refresh, onError: showError });
  const removeFile = useMutation({ mutationFn: (fileId: string) => noticesApi.removeAttachment(id, fileId), onSuccess: refresh, onError: showError });

  if (isPending) return <Card><Skeleton active /></Card>;
  if (error) return <ErrorResult error={error} backTo="/notices" />;

  const a = n.abilities;
  const answerable = n.recipients.filter((r) => r.abilities.reply);
  const toAcknowledge = n.recipients.filter((r) => r.abilities.acknowledge);
  const actions = (
    <Space wrap>
      {a.edit && <Button icon={<EditOutlined />} onClick={() => setDialog('edit')}>{t('nt.editDraft')}</Button>}
      {a.submit && <Button type="primary" icon={<SendOutlined />} loading={step.isPending} onClick={() => step.mutate(() => noticesApi.submit(id))}>{t('nt.submit')}</Button>}
      {a.approve && <Button type="primary" icon={<CheckOutlined />} onClick={() => setDialog('approve')}>{t('nt.approve')}</Button>}
      {a.return && <Button icon={<RollbackOutlined />} onClick={() => setDialog('return')}>{t('nt.return')}</Button>}
      {a.issue && (
        <Popconfirm title={t('nt.issueConfirm')} onConfirm={() => step.mutate(() => noticesApi.issue(id))}>
          <Button type="primary" icon={<SendOutlined />} loading={step.isPending}>{t('nt.issue')}</Button>
        </Popconfirm>
      )}
      {a.close && <Popconfirm title={t('nt.closeConfirm')} onConfirm={() => step.mutate(() => noticesApi.close(id))}><Button loading={step.isPending}>{t('nt.close')}</Button></Popconfirm>}
      {a.withdraw && <Button danger icon={<StopOutlined />} onClick={() => setDialog('withdraw')}>{t('nt.withdraw')}</Button>}
      {toAcknowledge.length === 1 && (
        <Button type="primary" loading={acknowledge.isPending} onClick={() => acknowledge.mutate(toAcknowledge[0].unit.id)}>{t('nt.acknowledge')}</Button>
      )}
      {a.reply && <Button type={toAcknowledge.length === 1 ? 'default' : 'primary'} onClick={() => setDialog({ reply: answerable })}>{t('nt.reply')}</Button>}
      <Button icon={<FilePdfOutlined />} href={noticesApi.pdfUrl(id)} target="_blank">PDF</Button>
      <Button icon={<FileWordOutlined />} href={noticesApi.docxUrl(id)}>DOCX</Button>
    </Space>
  );

  const itemColumns: TableColumnsType<NoticeItem> = [
    { key: 'seq', title: t('nt.seq'), width: 60, render: (_, i) => i.seq },
    { key: 'demand', title: t('nt.demand'), width: 280, render: (_, i) => i.demand },
    { key: 'deadline', title: t('nt.deadline'), width: 110, render: (_, i) => i.deadline },
    { key: 'units', title: t('nt.itemUnits'), width: 200, render: (_, i) => (i.allMain && n.side === 'office' ? t('nt.allMain') : i.units.map((u) => u.name).join('、')) },
    {
      key: 'problems', title: t('nt.linkedProblems'), width: 220,
      render: (_, i) => (i.problems.length ? <Space orientation="vertical" size={0}>{i.problems.map((p) => <Link key={p.id} to={`/problems/${p.id}`}>{p.unit ? `${p.unit.name}：` : ''}{p.description}</Link>)}</Space> : '—'),
    },
    {
      key: 'rectifications', title: t('nt.rectifications'), width: 260,
      render: (_, i) => (i.rectifications.length
        ? <Space orientation="vertical" size={2}>{i.rectifications.map((r) => (
          <Link key={r.id} to={`/rectifications/${r.id}`}>{n.recipients.find((x) => x.unit.id === r.unitId)?.unit.name ?? t('nt.item')} <RectificationTag status={r.status} /></Link>
        ))}</Space>
        : '—'),
    },
  ];
  const recipientColumns: TableColumnsType<NoticeRecipient> = [
    { key: 'unit', title: t('nt.recipient'), width: 200, render: (_, r) => r.unit.name },
    { key: 'kind', title: t('nt.kind'), width: 80, render: (_, r) => <Tag color={r.kind === 'main' ? 'blue' : 'default'}>{t(`nt.kindLabel.${r.kind}`)}</Tag> },
    {
      key: 'ack', title: t('nt.acknowledgement'), width: 200,
      render: (_, r) => (r.acknowledgedAt ? `${formatDateTime(r.acknowledgedAt)} ${r.acknowledgedByName ?? ''}` : n.status === 'issued' || n.status === 'closed' ? <Tag color="orange">{t('nt.notAcknowledged')}</Tag> : '—'),
    },
    {
      key: 'reply', title: t('nt.replyState'), width: 150,
      render: (_, r) => (r.kind === 'copy' ? t('nt.copyNoReply') : r.repliedAt ? formatDateTime(r.repliedAt) : n.status === 'issued' ? <Tag color="orange">{t('nt.notReplied')}</Tag> : '—'),
    },
    ...(n.side === 'recipient' ? [{
      key: 'actions', title: t('common.actions'), width: 170,
      render: (_: unknown, r: NoticeRecipient) => (
        <Space wrap>
          {r.abilities.acknowledge && <Button size="small" type="primary" loading={acknowledge.isPending} onClick={() => acknowledge.mutate(r.unit.id)}>{t('nt.acknowledge')}</Button>}
          {r.abilities.reply && <Button size="small" onClick={() => setDialog({ reply: [r] })}>{t('nt.reply')}</Button>}
        </Space>
      ),
    }] : []),
  ];

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <PageCard
        title={<Space wrap><Link to={n.side === 'office' ? '/notices' : '/inbox'} aria-label={t('common.back')}><ArrowLeftOutlined /></Link><span style={{ whiteSpace: 'normal' }}>{n.title}</span><NoticeStatusTag status={n.status} /></Space>}
        actions={actions}
      >
        {n.status === 'draft' && n.approvalNote && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('nt.returnedWith', { note: n.approvalNote })} />}
        {n.status === 'withdrawn' && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('nt.withdrawnWith', { at: formatDateTime(n.withdrawnAt), reason: n.withdrawnReason ?? '' })} />}
        <Descriptions column={{ xs: 1, sm: 2 }} bordered size="small" styles={{ label: { whiteSpace: 'nowrap' } }}>
          <Descriptions.Item label={t('nt.docNumber')}>{n.docNumber ?? t('nt.noNumberYet')}</Descriptions.Item>
          <Descriptions.Item label={t('nt.type')}>{n.type.name}{n.escalatedFrom && <Tag style={{ marginLeft: 8 }}>{t('nt.escalated')}</Tag>}</Descriptions.Item>
          <Descriptions.Item label={t('nt.issuer')}>{n.issuerName}</Descriptions.Item>
          {n.side === 'office' && <Descriptions.Item label={t('nt.draftedBy')}>{n.draftedBy.name} · {formatDateTime(n.createdAt)}</Descriptions.Item>}
          {n.side === 'office' && n.submittedAt && <Descriptions.Item label={t('nt.submittedAt')}>{formatDateTime(n.submittedAt)}</Descriptions.Item>}
          {n.side === 'office' && n.approvedBy && <Descriptions.Item label={t('nt.approvedBy')}>{n.approvedBy.name} · {formatDateTime(n.approvedAt)}{n.approvalNote ? `（${n.approvalNote}）` : ''}</Descriptions.Item>}
          {n.issuedBy && <Descriptions.Item label={t('nt.issuedBy')}>{n.side === 'office' ? `${n.issuedBy.name} · ` : ''}{n.issueDate}</Descriptions.Item>}
          {n.closedAt && <Descriptions.Item label={t('nt.closedAt')}>{formatDateTime(n.closedAt)}</Descriptions.Item>}
          {n.task && <Descriptions.Item label={t('nt.task')}><Link to={`/tasks/${n.task.id}`}>{n.task.title}</Link></Descriptions.Item>}
          {n.basis.length > 0 && (
            <Descriptions.Item label={t('nt.basis')} span={2}>
              {n.basis.map((b) => `《${b.title}》${b.docNo ? `（${b.docNo}）` : ''}`).join('；')}
            </Descriptions.Item>
          )}
          {n.side === 'office' && (n.status === 'issued' || n.status === 'closed') && (
            <Descriptions.Item label={t('nt.progress')} span={2}>
              {t('nt.acknowledgedCount', { done: n.counts.acknowledged, all: n.counts.main })} · {t('nt.repliedCount', { done: n.counts.replied, all: n.counts.main })}
            </Descriptions.Item>
          )}
        </Descriptions>
        <Typography.Title level={5} style={{ marginTop: 16 }}>{t('nt.body')}</Typography.Title>
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{n.body}</Typography.Paragraph>
      </PageCard>

      <Card title={t('nt.items')} size="small">
        <Table<NoticeItem> rowKey="id" size="small" columns={itemColumns} dataSource={n.items} pagination={false} scroll={{ x: 1130 }} locale={{ emptyText: t('nt.noItems') }} />
      </Card>

      <Card title={t('nt.recipients')} size="small">
        <Table<NoticeRecipient> rowKey="id" size="small" columns={recipientColumns} dataSource={n.recipients} pagination={false} scroll={{ x: n.side === 'recipient' ? 800 : 630 }} />
      </Card>

      {(n.replies.length > 0 || n.status === 'issued' || n.status === 'closed') && (
        <Card title={t('nt.replies')} size="small">
          <List dataSource={n.replies} locale={{ emptyText: t('nt.noReplies') }} renderItem={(r) => (
            <List.Item>
              <List.Item.Meta title={`${r.unit.name} · ${r.repliedByName} · ${formatDateTime(r.repliedAt)}`} description={<span style={{ whiteSpace: 'pre-wrap' }}>{r.body}</span>} />
            </List.Item>
          )} />
        </Card>
      )}

      <Card title={t('nt.attachments')} size="small" extra={a.edit && (
        <Upload showUploadList={false} beforeUpload={(file) => { upload.mutate(file); return false; }}>
          <Button size="small" icon={<UploadOutlined />} loading={upload.isPending}>{t('nt.upload')}</Button>
        </Upload>
      )}>
        <List dataSource={n.attachments} locale={{ emptyText: t('nt.noAttachments') }} renderItem={(f, i) => (
          <List.Item actions={a.edit ? [
            <Popconfirm key="remove" title={t('nt.removeAttachmentConfirm')} onConfirm={() => removeFile.mutate(f.id)}>
              <Button size="small" type="text" danger icon={<DeleteOutlined />} aria-label={t('nt.removeAttachment')} />
            </Popconfirm>,
          ] : []}>
            <Space wrap><span>{t('nt.attachmentNo', { n: i + 1 })}</span><a href={f.url} target="_blank" rel="noreferrer">{f.name}</a><Typography.Text type="secondary">{formatFileSize(f.size)}</Typography.Text></Space>
          </List.Item>
        )} />
      </Card>

      {dialog === 'edit' && <DraftEditor notice={n} onClose={() => setDialog(null)} onSaved={saved} />}
      {dialog === 'approve' && (
        <FormModal<{ note?: string }> title={t('nt.approve')} okText={t('nt.approve')} onClose={() => setDialog(null)} onSubmit={(v) => noticesApi.approve(id, v.note).then(saved)}>
          <Form.Item name="note" label={t('nt.approvalNote')}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} /></Form.Item>
        </FormModal>
      )}
      {dialog === 'return' && (
        <FormModal<{ note: string }> title={t('nt.return')} okText={t('nt.return')} onClose={() => setDialog(null)} onSubmit={(v) => noticesApi.return(id, v.note).then(saved)}>
          <Form.Item name="note" label={t('nt.returnNote')} rules={[{ required: true }]}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} /></Form.Item>
        </FormModal>
      )}
      {dialog === 'withdraw' && (
        <FormModal<{ reason: string }> title={t('nt.withdraw')} okText={t('nt.withdraw')} onClose={() => setDialog(null)} onSubmit={(v) => noticesApi.withdraw(id, v.reason).then(saved)}>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('nt.withdrawHint')} />
          <Form.Item name="reason" label={t('nt.withdrawReason')} rules={[{ required: true }]}><Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} /></Form.Item>
        </FormModal>
      )}
      {dialog && typeof dialog === 'object' && (
        <ReplyModal noticeId={id} units={dialog.reply} onClose={() => setDialog(null)} onDone={() => { refresh(); void message.success(t('nt.replied')); }} />
      )}
    </Space>
  );
}
