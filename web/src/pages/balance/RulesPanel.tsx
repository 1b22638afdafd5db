import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Col, Form, Input, InputNumber, Row, Select, Space, Switch, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { applyFieldErrors, errorText } from '../../errors';
import { ApiError } from '../../services/client';
import { ErrorResult } from '../../components/ErrorResult';
import { regionsApi } from '../../services/regions';
import { balanceApi, type BalanceStandard, type BasicValues, type QualityValues } from '../../services/balance';

const indicatorIds = ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', 'Q6', 'Q7'] as const;
const decimal = { pattern: /^\d{1,7}(\.\d{1,4})?$/ };

/** A pair of decimal fields, one per stage, laid out side by side. */
function StagePair({ name, label }: { name: (string | number)[]; label: string }) {
  const { t } = useTranslation();
  return (
    <Form.Item label={label} style={{ marginBottom: 8 }}>
      <Space.Compact style={{ width: '100%' }}>
        <Form.Item name={[...name, 'primary']} noStyle rules={[{ ...decimal, required: true, message: t('bl.rules.decimal') }]}><Input prefix={t('bl.stage.primary')} /></Form.Item>
        <Form.Item name={[...name, 'junior']} noStyle rules={[{ ...decimal, required: true, message: t('bl.rules.decimal') }]}><Input prefix={t('bl.stage.junior')} /></Form.Item>
      </Space.Compact>
    </Form.Item>
  );
}

/**
 * The rule values a county is assessed by: the national ones, or its province's own. The province's office
 * edits them; every other office reads them.
 */
export function RulesPanel() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [standard, setStandard] = useState<BalanceStandard>('quality2017');
  const [form] = Form.useForm<QualityValues & BasicValues>();
  const anyRegion = useQuery({ queryKey: ['regions', 'children'], queryFn: () => regionsApi.children() });
  const regionId = anyRegion.data?.[0]?.id;
  const { data, error } = useQuery({ queryKey: ['balance-rules', regionId, standard], queryFn: () => balanceApi.rules({ regionId: regionId!, standard }), enabled: !!regionId });
  useEffect(() => {
    if (data) form.setFieldsValue(data.values as QualityValues & BasicValues);
  }, [data, form]);
  const save = useMutation({
    mutationFn: (values: QualityValues | BasicValues) => balanceApi.saveRules(data!.province!.id, standard, values),
    onSuccess: () => {
      void message.success(t('bl.rules.saved'));
      void queryClient.invalidateQueries({ queryKey: ['balance-rules'] });
      void queryClient.invalidateQueries({ queryKey: ['balance-assessment'] });
    },
    onError: (e) => {
      if (e instanceof ApiError) applyFieldErrors(form, e.fields.map((f) => ({ ...f, field: f.field.replace(/^values\./, '') })));
      void message.error(errorText(t, e));
    },
  });
  const edit = !!data?.abilities.edit;
  const quality = standard === 'quality2017';

  return (
    <div data-testid="balance-rules">
      <Space wrap style={{ marginBottom: 16 }}>
        <Select style={{ width: 200 }} value={standard} onChange={setStandard} options={(['quality2017', 'basic2012'] as const).map((s) => ({ value: s, label: t(`bl.standard.${s}`) }))} />
        {data && <Tag color={data.adjusted ? 'blue' : 'default'}>{data.adjusted ? t('bl.rules.adjusted', { province: data.province?.name }) : t('bl.rules.national')}</Tag>}
      </Space>
      {error && <ErrorResult error={error} />}
      {data && !edit && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={data.province ? t('bl.rules.readOnly', { province: data.province.name }) : t('bl.rules.noProvince')} />}
      {data && (
        <Form form={form} layout="vertical" disabled={!edit} onFinish={(v) => save.mutate({ ...v, teachingPointMinStudents: v.teachingPointMinStudents ?? null })} data-testid="rules-form">
          {quality && (
            <Card size="small" title={t('bl.rules.thresholds')} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                {indicatorIds.map((id) => <Col key={id} xs={24} md={12}><StagePair name={['thresholds', id]} label={`${id} ${t(`bl.rules.indicator.${id}`)}`} /></Col>)}
              </Row>
            </Card>
          )}
          <Card size="small" title={t('bl.rules.verdicts')} style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col xs={24} md={12}>{quality ? <StagePair name={['cvMax']} label={t('bl.rules.cvMax')} /> : <StagePair name={['compositeMax']} label={t('bl.rules.compositeMax')} />}</Col>
              {quality && (
                <>
                  <Col xs={12} md={6}><Form.Item name="minMet" label={t('bl.rules.minMet')} rules={[{ required: true }]}><InputNumber min={1} max={7} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name="restShare" label={t('bl.rules.restShare')} rules={[{ ...decimal, required: true, message: t('bl.rules.decimal') }]}><Input /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name="maxSchoolStudents" label={t('bl.rules.maxSchoolStudents')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name="maxCombinedCompulsoryStudents" label={t('bl.rules.maxCombined')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name={['maxClassSize', 'primary']} label={t('bl.rules.maxClassPrimary')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name={['maxClassSize', 'junior']} label={t('bl.rules.maxClassJunior')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
                  <Col xs={12} md={6}><Form.Item name="classesPerArtRoom" label={t('bl.rules.classesPerArtRoom')} rules={[{ required: true }]}><InputNumber min={1} style={{ width: '100%' }} /></Form.Item></Col>
                </>
              )}
            </Row>
          </Card>
          <Card size="small" title={t('bl.rules.inclusion')} style={{ marginBottom: 16 }}>
            <Row gutter={16}>
              <Col xs={12} md={6}><Form.Item name="privateIncluded" label={t('bl.rules.privateIncluded')} valuePropName="checked"><Switch /></Form.Item></Col>
              <Col xs={12} md={6}>
                <Form.Item name="teachingPointMinStudents" label={t('bl.rules.teachingPoints')} extra={t('bl.rules.teachingPointsHint')}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>
              </Col>
              {(['nineYearJunior', 'twelveYearJunior', 'twelveYearSenior', 'completeSenior'] as const).map((k) => (
                <Col key={k} xs={12} md={6}>
                  <Form.Item name={['split', k]} label={t(`bl.rules.split.${k}`)} rules={[{ ...decimal, required: true, message: t('bl.rules.decimal') }]}><Input /></Form.Item>
                </Col>
              ))}
            </Row>
          </Card>
          {edit && (
            <Space wrap>
              <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="rules-save">{t('common.save')}</Button>
              <Button onClick={() => form.setFieldsValue(data.national as QualityValues & BasicValues)}>{t('bl.rules.reset')}</Button>
            </Space>
          )}
          <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>{t('bl.rules.note')}</Typography.Paragraph>
        </Form>
      )}
    </div>
  );
}
