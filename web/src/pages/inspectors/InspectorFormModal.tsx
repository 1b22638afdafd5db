import { Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { employments, inspectorLevels, inspectorsApi, type Inspector, type InspectorInput } from '../../services/inspectors';
import { usePeopleEnums } from './peopleEnums';
import { DateField } from '../../components/DateField';

/** Create an inspector, or edit one; full personal numbers are typed in here but never shown back in lists. */
export function InspectorFormModal({ inspector, onClose, onSaved }: { inspector?: Inspector; onClose: () => void; onSaved: (saved: Inspector) => void }) {
  const { t } = useTranslation();
  const enums = usePeopleEnums();
  const initial: Partial<InspectorInput> = inspector
    ? {
      name: inspector.name, gender: inspector.gender, level: inspector.level, employment: inspector.employment, employer: inspector.employer,
      jobTitle: inspector.jobTitle, specialties: inspector.specialties, qualifications: inspector.qualifications, regionId: inspector.region.id,
      recommendedLevel: inspector.recommendedLevel, recommendedOn: inspector.recommendedOn,
    }
    : { employment: 'part_time', level: 'county', specialties: [] };
  const blankToNull = (v: InspectorInput): InspectorInput => Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x === '' ? null : x])) as unknown as InspectorInput;
  const L = (key: string) => t(`people.inspectors.${key}` as never) as string;
  return (
    <FormModal<InspectorInput>
      title={inspector ? L('editTitle') : L('createTitle')}
      width={720}
      initialValues={initial}
      onClose={onClose}
      onSubmit={async (values) => {
        const body = blankToNull(values);
        onSaved(inspector ? await inspectorsApi.update(inspector.id, body) : await inspectorsApi.create(body));
      }}
    >
      <Row gutter={16}>
        <Col xs={24} sm={12}><Form.Item name="name" label={t('people.name')} rules={[{ required: true }]}><Input maxLength={50} /></Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="gender" label={L('gender')}><Select allowClear options={enums.options('gender', ['male', 'female'])} /></Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="level" label={L('level')} rules={[{ required: true }]}><Select options={enums.options('level', inspectorLevels)} /></Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="employment" label={L('employment')} rules={[{ required: true }]}><Select options={enums.options('employment', employments)} /></Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="regionId" label={t('people.region')} rules={[{ required: true }]}><RegionTreeSelect /></Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="employer" label={L('employer')}><Input maxLength={100} /></Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="jobTitle" label={L('jobTitle')}><Input maxLength={100} /></Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="specialties" label={L('specialties')}><Select mode="tags" tokenSeparators={['、', ',', '，']} /></Form.Item></Col>
        {!inspector && <Col xs={24} sm={12}><Form.Item name="phone" label={t('people.phone')}><Input maxLength={20} inputMode="tel" /></Form.Item></Col>}
        {!inspector && <Col xs={24} sm={12}><Form.Item name="idNumber" label={t('people.idNumber')}><Input maxLength={18} /></Form.Item></Col>}
        <Col xs={24} sm={12}><Form.Item name="recommendedLevel" label={L('recommendedLevel')}><Select allowClear options={enums.options('level', inspectorLevels)} /></Form.Item></Col>
        <Col xs={24} sm={12}><Form.Item name="recommendedOn" label={L('recommendedOn')}><DateField /></Form.Item></Col>
        <Col span={24}><Form.Item name="qualifications" label={L('qualifications')}><Input.TextArea rows={2} maxLength={500} /></Form.Item></Col>
      </Row>
    </FormModal>
  );
}
