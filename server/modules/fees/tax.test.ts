import { describe, expect, it } from 'vitest';
import { labourRemunerationTaxFen, yuan } from './tax';

const fen = (yuanAmount: string) => {
  const [whole, part = ''] = yuanAmount.split('.');
  return Number(whole) * 100 + Number(part.padEnd(2, '0'));
};

describe('labour remuneration withholding tax (劳务报酬 预扣预缴)', () => {
  it.each([
    ['0', '0.00'],
    ['800', '0.00'], // at the 800 deduction nothing is due
    ['800.01', '0.00'], // 0.01 taxable × 20% rounds to nothing
    ['1000', '40.00'], // (1,000 − 800) × 20%
    ['4000', '640.00'], // (4,000 − 800) × 20%
    ['4000.01', '640.00'], // 4,000.01 × 80% = 3,200.008 taxable × 20% = 640.0016
    ['5000', '800.00'], // 5,000 × 80% = 4,000 × 20%
    ['20000', '3200.00'], // 16,000 × 20%
    ['25000', '4000.00'], // taxable 20,000: 20% gives 4,000, and so does 30% − 2,000
    ['25000.01', '4000.00'], // taxable 20,000.008 × 30% − 2,000 = 4,000.0024
    ['50000', '10000.00'], // taxable 40,000 × 30% − 2,000
    ['62500', '13000.00'], // taxable 50,000 × 30% − 2,000 = 13,000 = 50,000 × 40% − 7,000
    ['62500.01', '13000.00'], // taxable 50,000.008 × 40% − 7,000 = 13,000.0032
    ['100000', '25000.00'], // taxable 80,000 × 40% − 7,000
    ['3333.33', '506.67'], // (3,333.33 − 800) × 20% = 506.666 rounds half up
  ])('income %s yuan → tax %s yuan', (income, tax) => {
    expect(yuan(labourRemunerationTaxFen(fen(income)))).toBe(tax);
  });

  it('never taxes more as income falls (the brackets join without a jump)', () => {
    let previous = 0;
    for (let f = 0; f <= 12_000_000; f += 997) {
      const tax = labourRemunerationTaxFen(f);
      expect(tax).toBeGreaterThanOrEqual(previous);
      previous = tax;
    }
  });

  it('refuses fractions of a fen and negative amounts', () => {
    expect(() => labourRemunerationTaxFen(100.5)).toThrow(RangeError);
    expect(() => labourRemunerationTaxFen(-1)).toThrow(RangeError);
  });

  it('shows fen as yuan exactly', () => {
    expect(yuan(123456)).toBe('1234.56');
    expect(yuan(5)).toBe('0.05');
    expect(yuan(-250)).toBe('-2.50');
  });
});
