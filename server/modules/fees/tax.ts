/**
 * Individual income tax withheld on labour remuneration (劳务报酬所得 预扣预缴), in integer fen:
 * income ≤ 4,000 yuan deducts 800 (nothing is due up to 800), above deducts 20%; the taxable amount is then
 * taxed 20% up to 20,000, 30% less 2,000 up to 50,000, 40% less 7,000 above. Everything is kept as integers
 * (the taxable amount times five, so the 20% deduction stays exact) and rounded half up to the fen once.
 */
export function labourRemunerationTaxFen(incomeFen: number): number {
  if (!Number.isSafeInteger(incomeFen) || incomeFen < 0) throw new RangeError(`income must be a whole, non-negative number of fen: ${incomeFen}`);
  if (incomeFen <= 80_000) return 0;
  const taxableTimes5 = incomeFen <= 400_000 ? (incomeFen - 80_000) * 5 : incomeFen * 4;
  const [ratePercent, quickFen] = taxableTimes5 <= 2_000_000 * 5 ? [20, 0] : taxableTimes5 <= 5_000_000 * 5 ? [30, 200_000] : [40, 700_000];
  const taxTimes500 = taxableTimes5 * ratePercent - quickFen * 500;
  return Math.floor((taxTimes500 + 250) / 500);
}

/** 123456 → "1234.56": fen shown as yuan without passing through floating point. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.trunc(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
