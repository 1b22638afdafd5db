import { useState } from 'react';
import { Alert, Button, Modal, Result, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from '../errors';
import { ApiError, type RowError } from '../services/client';

interface Props {
  title: string;
  templateUrl: string;
  upload: (file: File) => Promise<{ imported: number }>;
  doneText: (count: number) => string;
  /** The query cache to refresh after a successful import. */
  queryKey: string[];
  onClose: () => void;
}

/** Upload a filled-in template; on any bad row, show each row's problems and that nothing was imported. */
export function ImportModal({ title, templateUrl, upload: send, doneText, queryKey, onClose }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const upload = useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey }),
  });
  const rowErrors = upload.error instanceof ApiError && upload.error.code === 'IMPORT_INVALID' ? upload.error.rows : null;

  return (
    <Modal
      open
      title={title}
      width={760}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        upload.isSuccess ? (
          <Button type="primary" onClick={onClose}>
            {t('common.close')}
          </Button>
        ) : (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
              {t('sheetImport.start')}
            </Button>
          </Space>
        )
      }
    >
      {upload.isSuccess ? (
        <Result status="success" title={doneText(upload.data.imported)} />
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t('sheetImport.intro')}{' '}
            <Typography.Link href={templateUrl}>
              <DownloadOutlined /> {t('sheetImport.template')}
            </Typography.Link>
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            maxCount={1}
            fileList={file ? [{ uid: 'chosen', name: file.name, status: 'done' }] : []}
            beforeUpload={(chosen) => {
              setFile(chosen);
              upload.reset();
              return false;
            }}
            onRemove={() => {
              setFile(null);
              upload.reset();
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t('sheetImport.drop')}</p>
            <p className="ant-upload-hint">{t('sheetImport.hint')}</p>
          </Upload.Dragger>
          {upload.error && (
            <Alert
              type="error"
              showIcon
              title={errorText(t, upload.error)}
              description={rowErrors ? t('sheetImport.nothingImported') : undefined}
            />
          )}
          {rowErrors && rowErrors.length > 0 && (
            <Table<RowError & { key: number }>
              size="small"
              dataSource={rowErrors.map((r, key) => ({ ...r, key }))}
              pagination={rowErrors.length > 10 ? { pageSize: 10, size: 'small' } : false}
              scroll={{ x: 560 }}
              columns={[
                { key: 'row', dataIndex: 'row', title: t('sheetImport.row'), width: 70 },
                { key: 'column', dataIndex: 'column', title: t('sheetImport.column'), width: 70 },
                { key: 'header', dataIndex: 'header', title: t('sheetImport.header'), width: 150 },
                { key: 'message', dataIndex: 'message', title: t('sheetImport.message') },
              ]}
            />
          )}
        </Space>
      )}
    </Modal>
  );
}
