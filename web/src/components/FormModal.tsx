import type { ReactNode } from 'react';
import { Form, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useFormErrorHandler } from '../errors';

interface Props<V> {
  title: ReactNode;
  onClose: () => void;
  /** Resolves when saved; a rejected ApiError puts its field errors beside the fields. */
  onSubmit: (values: V) => Promise<unknown>;
  initialValues?: Partial<V>;
  children: ReactNode;
  width?: number;
  /** The confirming button says what it does (签发, 抽取); plain forms save. */
  okText?: ReactNode;
}

/** A form in a modal. Mount it only while it is open, so each opening starts from `initialValues`. */
export function FormModal<V extends object>({ title, onClose, onSubmit, initialValues, children, width, okText }: Props<V>) {
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const onError = useFormErrorHandler(form);
  const submit = useMutation({ mutationFn: onSubmit, onSuccess: onClose, onError });

  return (
    <Modal
      open
      title={title}
      width={width}
      okText={okText ?? t('common.save')}
      onOk={() => form.submit()}
      confirmLoading={submit.isPending}
      onCancel={onClose}
      mask={{ closable: false }}
    >
      <Form<V>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(values) => submit.mutate(values)}
        style={{ marginTop: 16 }}
      >
        {children}
      </Form>
    </Modal>
  );
}
