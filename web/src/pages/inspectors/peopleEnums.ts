import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';

type EnumGroup = 'level' | 'employment' | 'status' | 'grade' | 'rewardKind' | 'gender' | 'routineItem' | 'visitMethod' | 'exclusion' | 'reviewRole' | 'reviewStatus' | 'committeeRole' | 'period' | 'locality';

/** Labels and options for the people pages' enum values, in the UI language. */
export function usePeopleEnums() {
  const { t } = useTranslation();
  return useMemo(() => {
    const label = (group: EnumGroup, value: string) => t(`people.enums.${group}.${value}` as never) as string;
    const options = (group: EnumGroup, values: readonly string[]) => values.map((value) => ({ value, label: label(group, value) }));
    return { label, options };
  }, [t]);
}
