import { Form, Input, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/FormModal';
import { RegionTreeSelect } from '../../components/RegionTreeSelect';
import { UnitSelect } from '../../components/UnitSelect';
import { useEnums } from '../../enums';
import { accountsApi, type Account } from '../../services/accounts';
import type { Role } from '../../services/auth';

type ScopeKind = 'region' | 'unit' | 'none';

interface Values {
  username: string;
  displayName: string;
  role: Role;
  scopeKind: ScopeKind;
  scopeRegionId?: string;
  scopeUnitId?: string;
  phone?: string;
  email?: string;
  password: string;
  active: boolean;
}

/** Which picker the scope needs; the server decides whether the role and scope go together. */
function ScopeFields() {
  const { t } = useTranslation();
  const kind = Form.useWatch<ScopeKind>('scopeKind');
  return (
    <>
      <Form.Item name="scopeKind" label={t('accounts.scope')}>
        <Radio.Group
          options={[
            { value: 'region', label: t('accounts.scopeKind.region') },
            { value: 'unit', label: t('accounts.scopeKind.unit') },
            { value: 'none', label: t('accounts.scopeKind.none') },
          ]}
        />
      </Form.Item>
      {kind === 'region' && (
        <Form.Item name="scopeRegionId" label={t('accounts.scopeRegion')} rules={[{ required: true }]}>
          <RegionTreeSelect />
        </Form.Item>
      )}
      {kind === 'unit' && (
        <Form.Item name="scopeUnitId" label={t('accounts.scopeUnit')} rules={[{ required: true }]}>
          <UnitSelect />
        </Form.Item>
      )}
    </>
  );
}

function scopeIds(values: Values) {
  return {
    scopeRegionId: values.scopeKind === 'region' ? values.scopeRegionId : undefined,
    scopeUnitId: values.scopeKind === 'unit' ? values.scopeUnitId : undefined,
  };
}

interface Props {
  /** The account to edit; without it the form creates one. */
  account?: Account;
  onClose: () => void;
  onSaved: () => void;
}

export function AccountFormModal({ account, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const enums = useEnums();

  const submit = async (values: Values) => {
    const phone = values.phone || undefined;
    const email = values.email || undefined;
    if (account) {
      const { scopeRegionId, scopeUnitId } = scopeIds(values);
      await accountsApi.update(account.id, {
        displayName: values.displayName,
        role: values.role,
        // null clears the scope the account had before.
        scopeRegionId: scopeRegionId ?? null,
        scopeUnitId: scopeUnitId ?? null,
        phone,
        email,
        active: values.active,
      });
    } else {
      await accountsApi.create({
        username: values.username,
        displayName: values.displayName,
        role: values.role,
        ...scopeIds(values),
        phone,
        email,
        password: values.password,
      });
    }
    onSaved();
  };

  const initialValues: Partial<Values> = account
    ? {
        displayName: account.displayName,
        role: account.role,
        scopeKind: account.scope.kind === 'region' || account.scope.kind === 'unit' ? account.scope.kind : 'none',
        scopeRegionId: account.scope.regionId,
        scopeUnitId: account.scope.unitId,
        active: account.active,
      }
    : { scopeKind: 'region' };

  return (
    <FormModal<Values>
      title={account ? t('accounts.edit', { name: account.username }) : t('accounts.create')}
      onClose={onClose}
      onSubmit={submit}
      initialValues={initialValues}
    >
      {!account && (
        <Form.Item name="username" label={t('accounts.username')} rules={[{ required: true }]}>
          <Input maxLength={32} autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="displayName" label={t('accounts.displayName')} rules={[{ required: true }]}>
        <Input maxLength={64} />
      </Form.Item>
      <Form.Item name="role" label={t('accounts.role')} rules={[{ required: true }]}>
        <Select options={enums.roleOptions} />
      </Form.Item>
      <ScopeFields />
      <Form.Item
        name="phone"
        label={t('accounts.phone')}
        extra={account?.phoneMasked ? t('accounts.phoneKeep', { phone: account.phoneMasked }) : undefined}
      >
        <Input maxLength={20} inputMode="tel" />
      </Form.Item>
      <Form.Item
        name="email"
        label={t('wb.email.label')}
        extra={account?.emailMasked ? t('wb.email.keep', { email: account.emailMasked }) : t('wb.email.hint')}
      >
        <Input maxLength={254} inputMode="email" autoComplete="off" />
      </Form.Item>
      {account ? (
        <Form.Item name="active" label={t('common.status')} valuePropName="checked">
          <Switch checkedChildren={t('common.active')} unCheckedChildren={t('common.inactive')} />
        </Form.Item>
      ) : (
        <Form.Item
          name="password"
          label={t('accounts.initialPassword')}
          rules={[{ required: true }]}
          extra={`${t('password.rule')} ${t('accounts.mustChangeHint')}`}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      )}
    </FormModal>
  );
}

export function ResetPasswordModal({ account, onClose, onSaved }: Props & { account: Account }) {
  const { t } = useTranslation();
  return (
    <FormModal<{ password: string }>
      title={t('accounts.resetPasswordOf', { name: account.username })}
      onClose={onClose}
      onSubmit={async ({ password }) => {
        await accountsApi.resetPassword(account.id, password);
        onSaved();
      }}
    >
      <Form.Item name="password" label={t('password.new')} rules={[{ required: true }]} extra={t('password.rule')}>
        <Input.Password autoComplete="new-password" />
      </Form.Item>
    </FormModal>
  );
}
