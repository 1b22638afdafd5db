// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { Form, Input, type FormInstance } from 'antd';
import { applyFieldErrors } from './errors';

function NameForm({ onReady }: { onReady: (form: FormInstance) => void }) {
  const [form] = Form.useForm();
  onReady(form);
  return (
    <Form form={form}>
      <Form.Item name="name" label="名称">
        <Input />
      </Form.Item>
      <Form.Item name="code" label="代码">
        <Input />
      </Form.Item>
    </Form>
  );
}

describe('applyFieldErrors', () => {
  // Unmount inside the test's environment, so React's scheduler has nothing left to run after it is torn down.
  afterEach(() => cleanup());

  it('shows each server field error beside its field and returns the ones no field matches', async () => {
    let form!: FormInstance;
    render(<NameForm onReady={(f) => (form = f)} />);

    let unmatched: ReturnType<typeof applyFieldErrors> = [];
    await act(async () => {
      unmatched = applyFieldErrors(form, [
        { field: 'name', message: '名称：不能为空' },
        { field: 'parentId', message: '上级区划：不存在' },
      ]);
    });

    expect(form.getFieldError('name')).toEqual(['名称：不能为空']);
    expect(form.getFieldError('code')).toEqual([]);
    expect(await screen.findByText('名称：不能为空')).toBeTruthy();
    expect(unmatched).toEqual([{ field: 'parentId', message: '上级区划：不存在' }]);
  });
});
