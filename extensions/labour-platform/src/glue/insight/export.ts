/**
 * The figures as files, with the same protection as GET /insights/figures (the same published numbers):
 *   GET /insights/export/:name.csv | .xlsx [?date=YYYY-MM-DD]   one figure as a table (a hidden cell stays empty,
 *                                                               marked hidden), labels in the caller's language
 *   GET /insights/report [?month=YYYY-MM]                       the monthly report: every figure on the month's last
 *                                                               day, a printable page
 * The same callers as the figures (a policy officer, its own municipality); for anyone else the routes do not exist.
 */
import ExcelJS from 'exceljs';
import {
  exportFileName,
  exportTable,
  FIGURE_NAMES,
  isFigureName,
  lastDayOf,
  monthlyReportPage,
  publishFigure,
  reportMonth,
  serverLabels,
  toCsv,
} from '../../domain/insight';
import { todayInNetherlands } from '../../domain/dates';
import type { DataAccess } from '../items';
import { Refused, Sent, header, type ApiRequest, type Reply } from '../http/seam';
import { userLanguage } from '../language';
import { policyMunicipality, publishedFigure } from './api';
import { insightAggregates } from './aggregate';
import { municipalityRules } from './load';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** GET /insights/export/:file (`<figure>.csv` or `<figure>.xlsx`) */
export async function figureExport(access: DataAccess, request: ApiRequest, reply: Reply): Promise<Sent> {
  const match = /^(.+)\.(csv|xlsx)$/.exec(request.params['file'] ?? '');
  if (!match || !isFigureName(match[1])) throw new Refused({ code: 'not_found' });
  const format = match[2] as 'csv' | 'xlsx';
  // the figure exactly as the endpoint publishes it: the same checks of municipality, date and parameters
  const published = await publishedFigure(access, { ...request, params: { name: match[1] } });
  const lang = await userLanguage(access.knex, request.accountability, header(request, 'accept-language') ?? null);
  const table = exportTable(published, serverLabels(lang));
  reply.setHeader('Content-Disposition', `attachment; filename="${exportFileName(published, lang, format)}"`);
  if (format === 'csv') return new Sent('text/csv; charset=utf-8', toCsv(table));
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Platform Arbeidsmigranten';
  const sheet = workbook.addWorksheet(table.title.slice(0, 31));
  sheet.addRow(table.header).font = { bold: true };
  for (const row of table.rows) sheet.addRow(row);
  sheet.addRow([]);
  for (const note of table.notes) sheet.addRow([note]);
  sheet.columns.forEach((column, i) => {
    column.width = Math.min(40, Math.max(12, ...table.rows.map((row) => String(row[i] ?? '').length + 2)));
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return new Sent(XLSX, Buffer.from(await workbook.xlsx.writeBuffer()));
}

/** GET /insights/report */
export async function monthlyReport(access: DataAccess, request: ApiRequest): Promise<Sent> {
  const municipality = await policyMunicipality(access, request.accountability);
  if (!municipality) throw new Refused({ code: 'not_found' });
  const query = request.query ?? {};
  for (const key of Object.keys(query)) if (key !== 'month') throw new Refused({ code: 'invalid_input', field: key });
  const asked = query['month'];
  if (asked !== undefined && typeof asked !== 'string') throw new Refused({ code: 'invalid_input', field: 'month' });
  const month = reportMonth(asked, todayInNetherlands());
  if (!month) throw new Refused({ code: 'invalid_input', field: 'month' });
  const date = lastDayOf(month);
  const [aggregates, rules, organisation, lang] = await Promise.all([
    insightAggregates(access.knex, municipality, date),
    municipalityRules(access.knex, municipality),
    access.knex('organisations').select('name').where('id', municipality).first() as Promise<
      { name?: unknown } | undefined
    >,
    userLanguage(access.knex, request.accountability, header(request, 'accept-language') ?? null),
  ]);
  return new Sent(
    'text/html; charset=utf-8',
    monthlyReportPage({
      lang,
      municipality: typeof organisation?.name === 'string' ? organisation.name : '',
      month,
      figures: FIGURE_NAMES.map((name) => publishFigure(name, aggregates, date, rules)),
      labels: serverLabels(lang),
    }),
  );
}
