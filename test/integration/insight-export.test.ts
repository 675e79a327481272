/**
 * The figures as files: CSV and XLSX of one figure and the monthly report, for the policy officer of gemeente A, with
 * exactly the numbers GET /insights/figures publishes (a hidden cell stays empty and marked hidden), labels in the
 * caller's language; the same refusals as the figures (parameters, dates, months); and for everyone else the routes
 * do not exist (the attack suite tries every role). The XLSX is read back with exceljs.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addMonths, todayInNetherlands } from '../../extensions/labour-platform/src/domain/dates';
import { FIGURE_NAMES } from '../../extensions/labour-platform/src/domain/insight/figures';
import { directusUrl } from '../support/as-user.js';
import { http, tokenOf } from './attacks/support.js';

type Row = Record<string, unknown>;

async function download(path: string, language?: string): Promise<Response> {
  const token = await tokenOf('policyA');
  return fetch(`${directusUrl()}${path}`, {
    headers: { Authorization: `Bearer ${token}`, ...(language ? { 'Accept-Language': language } : {}) },
  });
}

async function published(name: string): Promise<Row[]> {
  const answer = await http('policyA', 'GET', `/insights/figures/${name}`);
  expect(answer.status, answer.text).toBe(200);
  return (answer.body as { data: { rows: Row[] } }).data.rows;
}

/** A CSV (RFC 4180, with a byte order mark: fetch's text() takes it off) as rows of cells. */
async function csvOf(response: Response): Promise<string[][]> {
  const bytes = Buffer.from(await response.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parseCsv(bytes.toString('utf8'));
}

function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 1; i < text.length; i += 1) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += c;
  }
  return rows;
}

describe('a figure as CSV and XLSX', () => {
  it('has the published numbers, hidden cells empty and marked, in the caller’s language', async () => {
    for (const name of ['present-by-location', 'brp-status-by-location', 'occupancy', 'arrivals-by-month']) {
      const rows = await published(name);
      const csv = await download(`/insights/export/${name}.csv`);
      expect(csv.status, name).toBe(200);
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      expect(csv.headers.get('content-disposition')).toMatch(/^attachment; filename="[a-z0-9-]+\.csv"$/);
      const table = await csvOf(csv);
      const [head, ...body] = table;
      const valueColumn = head!.length - 2;
      const data = body.slice(0, rows.length);
      expect(data.length, name).toBe(rows.length);
      data.forEach((cells, i) => {
        const row = rows[i]!;
        expect(cells[valueColumn], `${name} ${i}`).toBe(row['suppressed'] ? '' : String(row['value']));
        expect(cells[valueColumn + 1]).toBe(row['suppressed'] ? 'ja' : 'nee');
      });
      // policy A reads Dutch: labels, no codes
      expect(head).toContain('Verborgen');
      expect(table.flat().join('\n')).not.toMatch(/^(total|unknown|ingeschreven)$/m);
      expect(table.flat().join('\n')).toMatch(/verborgen om personen te beschermen/);

      const xlsx = await download(`/insights/export/${name}.xlsx`);
      expect(xlsx.status, name).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(1).values).toEqual([undefined, ...head!]);
      rows.forEach((row, i) => {
        const value = sheet.getRow(i + 2).getCell(valueColumn + 1).value;
        expect(value ?? null, `${name} xlsx ${i}`).toBe(row['suppressed'] ? null : row['value']);
      });
    }
  });

  it('refuses what the figures refuse: other parameters, dates, unknown figures and formats', async () => {
    for (const [path, expected] of [
      ['/insights/export/present-by-location.csv?groupBy=nationality', [400, 'INVALID_INPUT']],
      ['/insights/export/present-by-location.csv?date=2000-01-01', [400, 'INVALID_INPUT']],
      [
        '/insights/export/present-by-location.csv?municipality=00000000-0000-4000-8000-000000000000',
        [404, 'NOT_FOUND'],
      ],
      ['/insights/export/no-such-figure.csv', [404, 'NOT_FOUND']],
      ['/insights/export/present-by-location.pdf', [404, 'NOT_FOUND']],
      ['/insights/export/present-by-location', [404, 'NOT_FOUND']],
    ] as const) {
      const answer = await http('policyA', 'GET', path);
      expect([answer.status, answer.code], path).toEqual(expected);
    }
  });
});

describe('the monthly report', () => {
  it('is a printable page with every figure of last month, hidden cells as "–"', async () => {
    const response = await download('/insights/report');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await response.text();
    expect(html).toMatch(/^<!doctype html>\n<html lang="(nl|en)"/);
    expect((html.match(/<section data-figure=/g) ?? []).length).toBe(FIGURE_NAMES.length);
    expect(html).toMatch(/Maandrapport arbeidsmigranten|Monthly report labour migrants/);
    expect(html).not.toMatch(/\b9999\d{5}\b|AM-\d{4}-\d{6}|@example/);
    const month = addMonths(todayInNetherlands(), -3).slice(0, 7);
    expect((await download(`/insights/report?month=${month}`)).status).toBe(200);
  });

  it('refuses a month outside the last 24 complete months and any other parameter', async () => {
    const today = todayInNetherlands();
    for (const query of [
      `month=${today.slice(0, 7)}`,
      `month=${addMonths(today, -30).slice(0, 7)}`,
      'month=2026-13',
      'month=x',
      'date=2026-01-01',
    ]) {
      const answer = await http('policyA', 'GET', `/insights/report?${query}`);
      expect([answer.status, answer.code], query).toEqual([400, 'INVALID_INPUT']);
    }
  });
});
