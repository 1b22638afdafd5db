import { Col, Form, Input, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { expertsApi, type Expert, type ExpertInput } from '../../services/experts';

export function ExpertFormModal({ expert, onClose, onSaved }: { expert?: Expert; onClose: () => void; onSaved: (saved: Expert) => void }) {
  const { t } = useTranslation();
  const L = (key: string) => t(`people.experts.${key}` as never) as string;
  const initial: Partial<ExpertInput> = expert
    ? { name: expert.name, specialties: expert.specialties, employerUnitId: expert.employer.unitId, employerName: expert.employer.name, jobTitle: expert.jobTitle, regionId: expert.region.id, available: expert.available, remarks: expert.remarks }
    : { specialties: [], available: true };
  return (
    <FormModal<ExpertInput>
      title={expert ? L('editTitle') : L('createTitle')}
      width={720}
      initialValues={initial}
      onClose={onClose}
      onSubmit={async (values) => {
        const body = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v === '' || v === undefined ? null : v])) as unknown as ExpertInput;
        onSaved(expert ? await expertsApi.update(expert.id, body) : await expertsApi.create(body));
      }}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}><Form.Item name="name" label={t('people.name')} rules={[{ required: true }]}><Input maxLength={50} /></Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="specialties" label={L('specialties')} rules={[{ required: true }]}><Select mode="tags" tokenSeparators={['、', ',', '，']} /></Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="regionId" label={t('people.region')} rules={[{ required: true }]}><RegionTreeSelect /></Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="employerUnitId" label={L('employerUnit')}><UnitSelect /></Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="employerName" label={L('employerName')}><Input maxLength={100} /></Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="jobTitle" label={L('jobTitle')}><Input maxLength={100} /></Form.Item></Col>
        {!expert && <Col xs={24} sm={12}><Form.Item name="phone" label={t('people.phone')}><Input maxLength={20} inputMode="tel" /></Form.Item></Col>}
        {!expert && <Col xs={24} sm={12}><Form.Item name="idNumber" label={t('people.idNumber')}><Input maxLength={18} /></Form.Item></Col>}
        <Col xs={24} sm={12}><Form.Item name="available" label={L('available')} valuePropName="checked"><Switch /></Form.Item></Col>
        <Col span={24}><Form.Item name="remarks" label={t('people.remarks')}><Input.TextArea rows={2} maxLength={500} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}
