import { z } from 'zod';
import { pagingQuery } from '../../platform/http';
import { isoDate } from '../inspectors/people';

export const ratePeriods = ['half_day', 'day'] as const;
export const rateRoles = ['leader', 'member'] as const;
export const localities = ['local', 'travelling'] as const;

const rate = z.object({ period: z.enum(ratePeriods), role: z.enum(rateRoles), locality: z.enum(localities), amountFen: z.number().int().min(0).max(10_000_000) });
export const rateSetBody = z.object({ regionId: z.string().min(1).max(64), effectiveFrom: isoDate, rates: z.array(rate).min(1).max(8) });
export const rateSetView = z.object({
  regionId: z.string(), regionName: z.string(), effectiveFrom: z.string(), rates: z.array(rate),
});
export const rateListQuery = z.object({ regionId: z.string().max(64).optional() });

export const feeLine = z.object({
  expertId: z.string(), name: z.string(), role: z.enum(rateRoles), travelling: z.boolean(), halfDays: z.number(),
  grossFen: z.number(), taxFen: z.number(), netFen: z.number(),
});
export const feeSheetView = z.object({
  reviewId: z.string(), title: z.string(), settled: z.boolean(), settledAt: z.string().nullable(),
  rateSet: z.object({ regionName: z.string(), effectiveFrom: z.string() }),
  /** The office paying (and withholding): one income per person, payer and month. */
  payerName: z.string(),
  items: z.array(feeLine), totals: z.object({ grossFen: z.number(), taxFen: z.number(), netFen: z.number() }),
});

export const ledgerQuery = z.object({
  ...pagingQuery, year: z.coerce.number().int().min(2000).max(2100), expertId: z.string().max(64).optional(), q: z.string().trim().max(50).optional(),
  sort: z.enum(['paidOn', 'name', 'grossFen']).default('paidOn'),
});
export const ledgerExportQuery = ledgerQuery.omit({ page: true, pageSize: true });
export type LedgerFilters = z.infer<typeof ledgerExportQuery>;
export const ledgerItem = z.object({
  id: z.string(), paidOn: z.string(), expertId: z.string(), name: z.string(), reviewId: z.string(), reviewTitle: z.string(),
  role: z.enum(rateRoles), travelling: z.boolean(), halfDays: z.number(), grossFen: z.number(), taxFen: z.number(), netFen: z.number(),
});
export const ledgerView = z.object({
  items: z.array(ledgerItem), total: z.number(), page: z.number(), pageSize: z.number(),
  totals: z.object({ grossFen: z.number(), taxFen: z.number(), netFen: z.number() }),
});
export const peopleLedgerQuery = z.object({ ...pagingQuery, year: z.coerce.number().int().min(2000).max(2100) });
export const personTotal = z.object({ expertId: z.string(), name: z.string(), reviews: z.number(), grossFen: z.number(), taxFen: z.number(), netFen: z.number() });
