import { Col, Divider, Form, Input, InputNumber, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { useEnums } from '../../enums';
import { unitsApi, type Unit, type UnitInput } from '../../services/units';

interface Props {
  /** The unit to edit; without it the form creates one. */
  unit?: Unit;
  onClose: () => void;
  onSaved: (unit: Unit) => void;
}

const optionalFields = ['schoolCode', 'stage', 'ownership', 'enrolment', 'staffCount', 'address', 'contactPhone'] as const;

/** Empty optional fields: left out when creating, sent as null when editing so that clearing a field clears it. */
function normalise(values: UnitInput, editing: boolean): UnitInput {
  const result: UnitInput = { ...values };
  for (const field of optionalFields) {
    const value = result[field];
    if (value === undefined || value === null || value === '') {
      if (editing) result[field] = null;
      else delete result[field];
    }
  }
  return result;
}

function editableFields(unit: Unit): UnitInput {
  const { name, kind, regionId, schoolCode, stage, ownership, enrolment, staffCount, address, contactPhone } = unit;
  return { name, kind, regionId, schoolCode, stage, ownership, enrolment, staffCount, address, contactPhone };
}

export function UnitFormModal({ unit, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const enums = useEnums();
  const half = { xs: 24, sm: 12 };

  return (
    <FormModal<UnitInput>
      title={unit ? t('units.edit') : t('units.create')}
      width={720}
      onClose={onClose}
      initialValues={unit ? editableFields(unit) : { ownership: 'public' }}
      onSubmit={async (values) =>
        onSaved(
          unit
            ? await unitsApi.update(unit.id, normalise(values, true))
            : await unitsApi.create(normalise(values, false)),
        )
      }
    >
      <Row gutter={16}>
        <Col span={24}>
          <Form.Item name="name" label={t('units.name')} rules={[{ required: true }]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="kind" label={t('units.kind')} rules={[{ required: true }]}>
            <Select options={enums.unitKindOptions} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="regionId" label={t('units.region')} rules={[{ required: true }]}>
            <RegionTreeSelect />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('units.schoolSection')}
      </Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="schoolCode" label={t('units.schoolCode')} extra={t('units.schoolCodeHint')}>
            <Input maxLength={10} inputMode="numeric" />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="stage" label={t('units.stage')}>
            <Select allowClear options={enums.stageOptions} />
          </Form.Item>
        </Col>
        <Col {...half}>
          <Form.Item name="ownership" label={t('units.ownership')}>
            <Select allowClear options={enums.ownershipOptions} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="enrolment" label={t('units.enrolment')}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={12} sm={6}>
          <Form.Item name="staffCount" label={t('units.staffCount')}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Divider titlePlacement="start" plain>
        {t('units.contactSection')}
      </Divider>
      <Row gutter={16}>
        <Col {...half}>
          <Form.Item name="contactPhone" label={t('units.contactPhone')}>
            <Input maxLength={20} inputMode="tel" />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item name="address" label={t('units.address')}>
            <Input maxLength={200} />
          </Form.Item>
        </Col>
      </Row>
    </FormModal>
  );
}
