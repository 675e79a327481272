/**
 * The housing map (domain/insight/map.ts) and the insight panels' display model (panels/insight-figure/model.ts):
 * the map shows exactly what the occupancy figure publishes, tiles are only the grid's, and a hidden cell is shown
 * as "–" in the table and as a gap in the chart, in Dutch and English.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  figure,
  FIGURE_NAMES,
  mapLocations,
  MAX_TILE_ZOOM,
  PDOK_BRT_TILES,
  tileCoordinates,
  tileUrl,
  type InsightInput,
  type InsightPerson,
} from '../../extensions/labour-platform/src/domain/insight';
import {
  display,
  exportTable,
  lastDayOf,
  monthlyReportPage,
  reportMonth,
  serverLabels,
  toCsv,
  type Labels,
} from '../../extensions/labour-platform/src/domain/insight';
import { tilePng } from '../../scripts/lib/tile-mock';

const DATE = '2026-06-15';

function present(location: string, n: number): InsightPerson[] {
  return Array.from({ length: n }, (_, i) => ({
    nationality: i % 2 ? 'PL' : 'RO',
    birthYear: 1990,
    brpStatus: 'ingeschreven',
    mustRegister: true,
    registeredOn: '2026-01-03',
    stays: [{ location, start: '2026-01-01', end: null }],
  }));
}

const input: InsightInput = {
  locations: [
    { id: 'a', name: 'Akkerhof', capacity: 40 },
    { id: 'b', name: 'Bloemhof', capacity: 10 },
    { id: 'c', name: 'Carillon', capacity: 20 },
  ],
  people: [...present('a', 37), ...present('b', 3), ...present('c', 22)],
  appointments: [],
};

describe('the housing map', () => {
  it('publishes the occupancy figure’s numbers with each location’s coordinates, and nothing finer', () => {
    const occupancy = figure('occupancy', input, DATE);
    const map = mapLocations(occupancy, [
      { id: 'a', latitude: 52.7, longitude: 4.9 },
      { id: 'b', latitude: 999, longitude: 4.8 },
    ]);
    expect(map.map((location) => location.id)).toEqual(['a', 'b', 'c']);
    for (const location of map) {
      const row = occupancy.rows.find((candidate) => candidate['location'] === location.id)!;
      expect([location.occupied, location.suppressed, location.state]).toEqual([
        row.suppressed ? null : row.value,
        row.suppressed,
        row['state'],
      ]);
      if (!location.suppressed) expect(location.occupied! % 5).toBe(0);
    }
    expect(map[0]).toMatchObject({ latitude: 52.7, longitude: 4.9, capacity: 40 });
    // a coordinate outside the globe is no position; a location without coordinates is still listed
    expect(map[1]).toMatchObject({ latitude: null, suppressed: true, occupied: null });
    expect(map[2]).toMatchObject({ latitude: null, longitude: null });
    expect(() => mapLocations(figure('present-by-location', input, DATE), [])).toThrow(RangeError);
  });

  it('takes only tiles of the grid: whole numbers, zoom 0 to 19, x and y below 2^zoom', () => {
    expect(tileCoordinates('7', '65', '42.png')).toEqual({ z: 7, x: 65, y: 42 });
    expect(tileCoordinates('0', '0', '0')).toEqual({ z: 0, x: 0, y: 0 });
    for (const [z, x, y] of [
      ['20', '0', '0.png'],
      ['1', '2', '0.png'],
      ['-1', '0', '0.png'],
      ['7', '65', 'x.png'],
      ['7', '65', '42.png?http://example.org'],
      ['7', '65', '../42.png'],
      ['7', '1e3', '4'],
      [undefined, '0', '0'],
    ])
      expect(tileCoordinates(z, x, y), `${z}/${x}/${y}`).toBeNull();
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (z, x, y) => {
        const tile = tileCoordinates(z, x, y);
        if (tile === null) return;
        expect(tile.z).toBeLessThanOrEqual(MAX_TILE_ZOOM);
        expect(tile.x).toBeLessThan(2 ** tile.z);
        expect(tile.y).toBeLessThan(2 ** tile.z);
      }),
    );
    expect(tileUrl(PDOK_BRT_TILES, { z: 7, x: 65, y: 42 })).toBe(
      'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/7/65/42.png',
    );
  });

  it('the test stand-in answers with a PNG tile of 256 by 256', () => {
    const png = tilePng();
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([256, 256]);
  });
});

describe('the insight panel’s display model', () => {
  const labels = (lang: 'nl' | 'en'): Labels => ({
    lang,
    status: (code) => `status:${code}`,
    country: (code) => `country:${code}`,
  });

  it('shows a hidden cell as "–" in the table and as a gap in the chart, never a number', () => {
    for (const name of FIGURE_NAMES) {
      for (const lang of ['nl', 'en'] as const) {
        const published = figure(name, input, DATE);
        const shown = display(published, labels(lang));
        const hiddenCells = shown.table.rows.flatMap((row) => row.cells.filter((cell) => cell.hidden));
        for (const cell of hiddenCells) expect(cell.text).toBe('–');
        expect(shown.anyHidden).toBe(hiddenCells.length > 0);
        for (const series of shown.chart.series) expect(series.data.length).toBe(shown.chart.labels.length);
        // no raw code reaches the reader
        const text = [
          shown.table.head,
          ...shown.table.columns,
          ...shown.table.rows.flatMap((row) => [row.label, ...row.cells.map((cell) => cell.text)]),
          ...shown.chart.labels,
          ...shown.chart.series.map((series) => series.label),
          shown.footnote ?? '',
        ].join('\n');
        expect(text, name).not.toMatch(/^(unknown|total|12m\+|<1m|<20|60\+)$/m);
      }
    }
  });

  it('labels in the reader’s language: totals, bands, months and weeks', () => {
    const nl = display(figure('length-of-stay', input, DATE), labels('nl'));
    expect(nl.table.rows.map((row) => row.label)).toContain('korter dan 1 maand');
    expect(nl.table.rows.at(-1)!.label).toBe('Totaal');
    expect(nl.footnote).toMatch(/^Mediaan/);
    const en = display(figure('arrivals-by-month', input, DATE), labels('en'));
    expect(en.chart.kind).toBe('line');
    expect(en.table.rows[0]!.label).toMatch(/^[A-Z][a-z]{2,3} \d{4}$/);
    const status = display(figure('brp-status-by-location', input, DATE), labels('en'));
    expect(status.chart.labels).toContain('status:ingeschreven');
    expect(status.chart.series[0]!.data.length).toBe(status.chart.labels.length);
    expect(status.table.columns).toContain('status:ingeschreven');
    expect(status.table.rows.map((row) => row.label)).toEqual(['Akkerhof', 'Bloemhof', 'Carillon', 'Total']);
  });
});

describe('the figures as files', () => {
  it('a CSV has the published numbers only: a hidden cell empty and marked, the rest multiples of 5', () => {
    for (const name of FIGURE_NAMES) {
      const published = figure(name, input, DATE);
      const table = exportTable(published, serverLabels('nl'));
      expect(table.rows.length).toBe(published.rows.length);
      table.rows.forEach((row, i) => {
        const source = published.rows[i]!;
        expect(row.at(-2)).toBe(source.suppressed ? null : source.value);
        expect(row.at(-1)).toBe(source.suppressed ? 'ja' : 'nee');
        if (!source.suppressed && typeof source.value === 'number') expect(source.value % 5).toBe(0);
      });
      const csv = toCsv(table);
      expect(csv.startsWith('\uFEFF')).toBe(true);
      expect(csv).toContain('\r\n');
    }
  });

  it('a CSV cell that a spreadsheet would take for a formula is defused, quotes doubled', () => {
    const csv = toCsv({ title: 't', header: ['a', 'b'], rows: [['=1+1', 'say "hi", then']], notes: [] });
    expect(csv.split('\r\n')[1]).toBe(`"'=1+1","say ""hi"", then"`);
  });

  it('the monthly report covers a complete month of the last 24, every figure, hidden cells as "–"', () => {
    expect(reportMonth(undefined, '2026-11-26')).toBe('2026-10');
    expect(reportMonth('2024-11', '2026-11-26')).toBe('2024-11');
    for (const month of ['2026-11', '2024-10', '2026-13', 'x', '2026-1'])
      expect(reportMonth(month, '2026-11-26')).toBeNull();
    expect(lastDayOf('2026-02')).toBe('2026-02-28');
    for (const lang of ['nl', 'en'] as const) {
      const page = monthlyReportPage({
        lang,
        municipality: 'Hollands <Kroon>',
        month: '2026-05',
        figures: FIGURE_NAMES.map((name) => figure(name, input, lastDayOf('2026-05'))),
        labels: serverLabels(lang),
      });
      expect((page.match(/<section /g) ?? []).length).toBe(FIGURE_NAMES.length);
      expect(page).toContain('Hollands &#60;Kroon&#62;');
      expect(page).toContain('<td class="n hidden">–</td>');
      expect(page).toContain(lang === 'nl' ? 'mei 2026' : 'May 2026');
    }
  });
});
