import { abilitiesOf, officeWrites, placedReads, type PolicyActor } from '../../platform/policy';

/** A school's yearly statistics are placed by the school's region: the office above reads and corrects them. */
export interface StatisticRow {
  regionPath: string;
}

export const statisticRules = {
  read: placedReads<StatisticRow>('balance.read'),
  correct: officeWrites<StatisticRow>('balance.write'),
};

export function statisticAbilities(actor: PolicyActor, row: StatisticRow) {
  return abilitiesOf({ correct: statisticRules.correct }, actor, row);
}
