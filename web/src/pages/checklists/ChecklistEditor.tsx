import { App, AutoComplete, Button, Card, Checkbox, Col, Divider, Form, Input, InputNumber, Modal, Row, Select, Space, Tag, Tooltip } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useFormErrorHandler } from '../../errors';
import { checklistsApi, type Checklist, type ChecklistItem } from '../../services/supervision';

const itemTypes = ['yesno', 'score', 'number', 'text'] as const;

interface Values { regionId?: string; title: string; description?: string | null; items: Partial<ChecklistItem>[] }

interface Props {
  /** `revise`: a new version of this (latest) template; `copy`: a new template starting from its items; neither: a blank one. */
  revise?: Checklist;
  copy?: Checklist;
  defaultRegionId?: string;
  onClose: () => void;
  onSaved: (saved: Checklist) => void;
}

/** A key not yet used in the list, for an added item; the server only needs keys to be unique and plain. */
function freshKey(items: Partial<ChecklistItem>[]): string {
  const used = new Set(items.map((i) => i?.key));
  let n = items.length + 1;
  while (used.has(`item-${n}`)) n += 1;
  return `item-${n}`;
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** What the server takes: the fields the answer type uses, empty ones left out. */
function cleanItem(i: Partial<ChecklistItem>): ChecklistItem {
  const base: ChecklistItem = { key: (i.key ?? '').trim(), area: (i.area ?? '').trim(), text: (i.text ?? '').trim(), type: i.type ?? 'yesno', photoRequired: !!i.photoRequired };
  if (i.guidance) base.guidance = i.guidance;
  const put = (k: 'min' | 'max' | 'passScore' | 'failBelow' | 'failAbove') => {
    const v = num(i[k]);
    if (v !== null) base[k] = v;
  };
  if (base.type === 'score') (['min', 'max', 'passScore'] as const).forEach(put);
  if (base.type === 'number') {
    (['min', 'max', 'failBelow', 'failAbove'] as const).forEach(put);
    if (i.unit) base.unit = i.unit;
  }
  return base;
}

/** Items of one area together, in the order the areas first appear; the list shown is then the list sent, so `items.N` errors land on the right item. */
function grouped(items: Partial<ChecklistItem>[]): Partial<ChecklistItem>[] {
  const order: string[] = [];
  for (const i of items) if (!order.includes((i.area ?? '').trim())) order.push((i.area ?? '').trim());
  return order.flatMap((area) => items.filter((i) => (i.area ?? '').trim() === area));
}

export function ChecklistEditor({ revise, copy, defaultRegionId, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const onError = useFormErrorHandler(form);
  const source = revise ?? copy;
  const watched = (Form.useWatch('items', form) ?? []) as Partial<ChecklistItem>[];
  const areas = [...new Set(watched.map((i) => i?.area?.trim()).filter((a): a is string => !!a))];

  const save = useMutation({
    mutationFn: async () => {
      await form.validateFields();
      const values = form.getFieldsValue(true) as Values;
      const items = grouped(values.items ?? []);
      form.setFieldValue('items', items);
      const body = { title: values.title.trim(), description: values.description?.trim() || null, items: items.map(cleanItem) };
      return revise ? checklistsApi.revise(revise.id, body) : checklistsApi.create({ ...body, regionId: values.regionId! });
    },
    onSuccess: (saved) => {
      void message.success(revise ? t('sv.cl.saved', { version: saved.version }) : t('sv.cl.created'));
      onSaved(saved);
    },
    onError: (error) => {
      if (error && typeof error === 'object' && 'errorFields' in error) return; // the form shows its own
      onError(error);
    },
  });

  return (
    <Modal
      open
      title={revise ? t('sv.cl.editorRevise', { version: revise.version + 1 }) : t('sv.cl.editorCreate')}
      width={980}
      okText={t('common.save')}
      onOk={() => save.mutate()}
      confirmLoading={save.isPending}
      onCancel={onClose}
      mask={{ closable: false }}
      className="checklist-editor"
    >
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        initialValues={{
          regionId: defaultRegionId,
          title: source ? source.title : '',
          description: source?.description ?? '',
          items: source ? source.items.map((i) => ({ ...i })) : [{ key: 'item-1', area: '', text: '', type: 'yesno', photoRequired: false }],
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={revise ? 24 : 14}>
            <Form.Item name="title" label={t('sv.title')} rules={[{ required: true, whitespace: true, max: 100 }]}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          {!revise && (
            <Col xs={24} md={10}>
              <Form.Item name="regionId" label={t('sv.cl.region')} rules={[{ required: true }]}>
                <RegionTreeSelect />
              </Form.Item>
            </Col>
          )}
          <Col span={24}>
            <Form.Item name="description" label={t('sv.cl.description')}>
              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
            </Form.Item>
          </Col>
        </Row>
        <Form.List name="items" rules={[{ validator: async (_, v) => { if (!v?.length) throw new Error(t('sv.cl.noItems')); } }]}>
          {(fields, { add, remove, move }, { errors }) => {
            const items = (form.getFieldValue('items') ?? []) as Partial<ChecklistItem>[];
            const areaOf = (index: number) => (items[index]?.area ?? '').trim();
            const addTo = (area: string, after: number) => add({ key: freshKey(form.getFieldValue('items') ?? []), area, text: '', type: 'yesno', photoRequired: false }, after + 1);
            return (
              <>
                {fields.map((field, index) => {
                  const area = areaOf(index);
                  const startsGroup = index === 0 || areaOf(index - 1) !== area;
                  const endsGroup = index === fields.length - 1 || areaOf(index + 1) !== area;
                  const type = items[index]?.type;
                  const ranged = type === 'score' || type === 'number';
                  return (
                    <div key={field.key}>
                      {startsGroup && (
                        <Divider titlePlacement="start" plain style={{ marginTop: index === 0 ? 0 : 16 }}>
                          <strong>{area || t('sv.cl.newArea')}</strong> <Tag>{t('sv.itemCount', { count: fields.filter((_, j) => areaOf(j) === area).length })}</Tag>
                        </Divider>
                      )}
                      <Card size="small" style={{ marginBottom: 8 }} data-testid={`item-${index}`}
                        title={<span style={{ fontWeight: 'normal' }}>#{index + 1}</span>}
                        extra={
                          <Space size={0}>
                            <Tooltip title={t('sv.cl.moveUp')}><Button type="text" size="small" icon={<ArrowUpOutlined />} aria-label={t('sv.cl.moveUp')} disabled={index === 0} onClick={() => move(index, index - 1)} /></Tooltip>
                            <Tooltip title={t('sv.cl.moveDown')}><Button type="text" size="small" icon={<ArrowDownOutlined />} aria-label={t('sv.cl.moveDown')} disabled={index === fields.length - 1} onClick={() => move(index, index + 1)} /></Tooltip>
                            <Tooltip title={t('sv.remove')}><Button type="text" size="small" danger icon={<DeleteOutlined />} aria-label={t('sv.remove')} disabled={fields.length === 1} onClick={() => remove(index)} /></Tooltip>
                          </Space>
                        }>
                        <Row gutter={12}>
                          <Col xs={24} md={6}>
                            <Form.Item name={[field.name, 'area']} label={t('sv.cl.area')} rules={[{ required: true, whitespace: true, max: 40 }]}>
                              <AutoComplete options={areas.map((a) => ({ value: a }))} placeholder={t('sv.cl.areaHint')} maxLength={40}
                                filterOption={(input, option) => String(option?.value ?? '').includes(input)} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} md={18}>
                            <Form.Item name={[field.name, 'text']} label={t('sv.cl.text')} rules={[{ required: true, whitespace: true, max: 300 }]}>
                              <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={300} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} sm={12} md={6}>
                            <Form.Item name={[field.name, 'type']} label={t('sv.answerType')}>
                              <Select options={itemTypes.map((v) => ({ value: v, label: t(`sv.itemType.${v}`) }))} />
                            </Form.Item>
                          </Col>
                          {ranged && (
                            <>
                              <Col xs={12} sm={6} md={4}>
                                <Form.Item name={[field.name, 'min']} label={type === 'score' ? t('sv.cl.min') : t('sv.cl.minNumber')}>
                                  <InputNumber style={{ width: '100%' }} />
                                </Form.Item>
                              </Col>
                              <Col xs={12} sm={6} md={4}>
                                <Form.Item name={[field.name, 'max']} label={type === 'score' ? t('sv.cl.max') : t('sv.cl.maxNumber')}>
                                  <InputNumber style={{ width: '100%' }} />
                                </Form.Item>
                              </Col>
                            </>
                          )}
                          {type === 'score' && (
                            <Col xs={12} sm={6} md={4}>
                              <Form.Item name={[field.name, 'passScore']} label={t('sv.cl.passScore')}>
                                <InputNumber style={{ width: '100%' }} />
                              </Form.Item>
                            </Col>
                          )}
                          <Col xs={12} sm={6} md={ranged ? (type === 'score' ? 3 : 4) : 6}>
                            <Form.Item name={[field.name, 'key']} label={t('sv.cl.key')} rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9_-]{0,39}$/ }]}>
                              <Input maxLength={40} />
                            </Form.Item>
                          </Col>
                          <Col xs={24} sm={6} md={ranged ? 3 : 6}>
                            <Form.Item name={[field.name, 'photoRequired']} valuePropName="checked" label={<span style={{ visibility: 'hidden' }}>·</span>}>
                              <Checkbox>{t('sv.cl.photoRequired')}</Checkbox>
                            </Form.Item>
                          </Col>
                        </Row>
                      </Card>
                      {endsGroup && (
                        <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => addTo(area, index)} style={{ marginBottom: 8 }}>
                          {t('sv.cl.addItem')}{area ? `（${area}）` : ''}
                        </Button>
                      )}
                    </div>
                  );
                })}
                <Form.ErrorList errors={errors} />
                <Button type="dashed" block icon={<PlusOutlined />} style={{ marginTop: 12 }} onClick={() => addTo('', fields.length - 1)}>
                  {t('sv.cl.addArea')}
                </Button>
              </>
            );
          }}
        </Form.List>
      </Form>
    </Modal>
  );
}
