import { Form, Input, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { useEnums } from '../../enums';
import { regionsApi, type Region, type RegionLevel } from '../../services/regions';

interface Props {
  region: Region;
  onClose: () => void;
  onSaved: (saved: Region) => void;
}

interface EditValues {
  code: string;
  name: string;
  active: boolean;
}

export function RegionEditModal({ region, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  return (
    <FormModal<EditValues>
      title={t('regions.edit')}
      onClose={onClose}
      initialValues={{ code: region.code, name: region.name, active: region.active }}
      onSubmit={async (values) => onSaved(await regionsApi.update(region.id, values))}
    >
      <Form.Item name="code" label={t('regions.code')} rules={[{ required: true }]}>
        <Input maxLength={12} />
      </Form.Item>
      <Form.Item name="name" label={t('regions.name')} rules={[{ required: true }]}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="active" label={t('common.status')} valuePropName="checked">
        <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
      </Form.Item>
    </FormModal>
  );
}

interface ChildValues {
  code: string;
  name: string;
  level: RegionLevel;
}

export function RegionChildModal({ region, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const enums = useEnums();
  return (
    <FormModal<ChildValues>
      title={t('regions.addChildOf', { name: region.name })}
      onClose={onClose}
      onSubmit={async (values) => onSaved(await regionsApi.create({ ...values, parentId: region.id }))}
    >
      <Form.Item name="code" label={t('regions.code')} rules={[{ required: true }]} extra={t('regions.codeHint')}>
        <Input maxLength={12} />
      </Form.Item>
      <Form.Item name="name" label={t('regions.name')} rules={[{ required: true }]}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="level" label={t('regions.level')} rules={[{ required: true }]}>
        <Select options={enums.regionLevelOptions} />
      </Form.Item>
    </FormModal>
  );
}
