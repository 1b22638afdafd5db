import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { roles, type Role } from './services/auth';
import { regionLevels, type RegionLevel } from './services/regions';
import { ownerships, stages, unitKinds, type Ownership, type Stage, type UnitKind } from './services/units';

/** Labels and select options for the API's enum values, in the UI language. */
export function useEnums() {
  const { t } = useTranslation();
  return useMemo(() => {
    const role = (v: Role) => t(`enums.role.${v}`);
    const regionLevel = (v: RegionLevel) => t(`enums.regionLevel.${v}`);
    const unitKind = (v: UnitKind) => t(`enums.unitKind.${v}`);
    const stage = (v: Stage) => t(`enums.stage.${v}`);
    const ownership = (v: Ownership) => t(`enums.ownership.${v}`);
    const options = <T extends string>(values: readonly T[], label: (v: T) => string) =>
      values.map((value) => ({ value, label: label(value) }));
    return {
      role,
      regionLevel,
      unitKind,
      stage,
      ownership,
      roleOptions: options(roles, role),
      regionLevelOptions: options(regionLevels, regionLevel),
      unitKindOptions: options(unitKinds, unitKind),
      stageOptions: options(stages, stage),
      ownershipOptions: options(ownerships, ownership),
      activeOptions: [
        { value: 'true', label: t('common.active') },
        { value: 'false', label: t('common.inactive') },
      ],
    };
  }, [t]);
}
