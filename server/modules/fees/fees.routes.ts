import { z } from 'zod';
import type { Platform } from '../../platform/platform';
import { idParams, pageOf, type App } from '../../platform/http';
import { streamWorkbook } from '../../platform/xlsx';
import { chinaToday } from '../inspectors/people';
import { feeSheetView, ledgerExportQuery, ledgerQuery, ledgerView, peopleLedgerQuery, personTotal, rateListQuery, rateSetBody, rateSetView } from './fees.schemas';
import { feeSheet, ledger, ledgerByPerson, ledgerExportBatches, ledgerExportColumns, listRateSets, putRateSet, settleFees } from './fees.service';

export function feesRoutes(app: App, platform: Platform): void {
  const db = platform.database.db;
  const tags = ['fees'];

  app.get('/api/fee-rates', {
    config: { permission: 'fees.read' },
    schema: { tags, summary: '评审费标准 Fee rates', querystring: rateListQuery, response: { 200: z.array(rateSetView) } },
  }, async (request) => listRateSets(db, request.actor!, request.query));

  app.put('/api/fee-rates', {
    config: { permission: 'fees.write' },
    schema: { tags, summary: '设定评审费标准 Set a rate table', body: rateSetBody, response: { 200: rateSetView } },
  }, async (request) => putRateSet(platform, request.ctx, request.body));

  app.get('/api/reviews/:id/fees', {
    config: { permission: 'fees.read' },
    schema: { tags, summary: '评审费发放表 Fee sheet of a review', params: idParams, response: { 200: feeSheetView } },
  }, async (request) => feeSheet(db, request.actor!, request.params.id, request.ctx.locale, chinaToday(platform.clock.now())));

  app.post('/api/reviews/:id/fees/settle', {
    config: { permission: 'fees.write' },
    schema: { tags, summary: '结算评审费 Settle the fees', params: idParams, response: { 200: feeSheetView } },
  }, async (request) => settleFees(platform, request.ctx, request.params.id));

  app.get('/api/fees/ledger', {
    config: { permission: 'fees.read' },
    schema: { tags, summary: '评审费台账 Fee ledger', querystring: ledgerQuery, response: { 200: ledgerView } },
  }, async (request) => ledger(db, request.actor!, request.query));

  app.get('/api/fees/ledger/people', {
    config: { permission: 'fees.read' },
    schema: { tags, summary: '按人汇总 Ledger per person', querystring: peopleLedgerQuery, response: { 200: pageOf(personTotal) } },
  }, async (request) => ledgerByPerson(db, request.actor!, request.query));

  app.get('/api/fees/ledger/export', {
    config: { permission: 'fees.read' },
    schema: { tags, summary: '导出台账 Export the ledger', querystring: ledgerExportQuery },
  }, async (request, reply) => {
    const locale = request.ctx.locale;
    await platform.audit.recordAlone(request.ctx, { action: 'fees.export', entityType: 'fee', detail: { filters: request.query } });
    const name = locale === 'en' ? `review-fees-${request.query.year}.xlsx` : `评审费台账-${request.query.year}.xlsx`;
    return streamWorkbook(reply, name, locale === 'en' ? 'Fees' : '评审费', ledgerExportColumns(locale), ledgerExportBatches(db, request.actor!, request.query, locale));
  });
}
