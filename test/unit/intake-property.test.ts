import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { testRangeBsn } from '../../extensions/labour-platform/src/domain/bsn';
import {
  analyseSheet,
  INTAKE_FIELDS,
  intakeFieldLabel,
  normaliseCell,
  parseCsvText,
  serialiseRow,
  validateRows,
  type Cell,
  type IntakeField,
  type RowValues,
} from '../../extensions/labour-platform/src/domain/intake';

const cell: fc.Arbitrary<Cell> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.integer({ min: -10, max: 3_000_000_000 }),
  fc.double({ noNaN: true }),
  fc.date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 0, 1)), noInvalidDate: true }),
  fc.constant(null),
  fc.constantFrom('01-02-1990', '2023-03-15', 'Polen', 'pl', ' 999 99 3653 ', '2671 ab', 'Vrouw', '45000'),
);

describe('intake normalisation (properties)', () => {
  it('is idempotent: a normalised value normalises to itself', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INTAKE_FIELDS), cell, (field, raw) => {
        const once = normaliseCell(field, raw);
        if (!once.ok || once.value === null) return;
        expect(normaliseCell(field, once.value)).toEqual(once);
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on any cell', () => {
    fc.assert(
      fc.property(fc.constantFrom(...INTAKE_FIELDS), cell, (field, raw) => void normaliseCell(field, raw)),
      { numRuns: 3000 },
    );
  });

  const name = fc
    .array(
      fc.constantFrom(
        'Łukasz',
        'Ștefan',
        'Иван',
        'Ана-Мария',
        "O'Neil",
        'van der Berg',
        'Zoë',
        'Jan;Piet',
        'a "quoted" one',
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((parts) => parts.join(' '));
  const date = fc
    .date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2005, 11, 31)), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const validRow: fc.Arbitrary<RowValues> = fc.record({
    external_reference: fc.stringMatching(/^[A-Z]{1,3}-\d{1,6}$/),
    bsn: fc.integer({ min: 0, max: 50 }).map(testRangeBsn),
    first_names: name,
    surname: name,
    date_of_birth: date,
    nationality: fc.constantFrom('PL', 'RO', 'BG', 'UA'),
    location: fc.constant('De Tulp'),
    arrival_date: fc.constantFrom('2024-01-01', '2025-06-30'),
  });

  it("a valid row's serialisation round-trips through CSV (both separators), header matching and normalisation", () => {
    const fields: IntakeField[] = [
      'external_reference',
      'bsn',
      'first_names',
      'surname',
      'date_of_birth',
      'nationality',
      'location',
      'arrival_date',
    ];
    fc.assert(
      fc.property(
        validRow,
        fc.constantFrom(',', ';'),
        fc.constantFrom<'nl' | 'en'>('nl', 'en'),
        (row, separator, lang) => {
          const quote = (text: string) => (/[",;\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
          const header = fields.map((field) => intakeFieldLabel(field)[lang]);
          const text = [header, serialiseRow(row, fields)]
            .map((cells) => cells.map(quote).join(separator))
            .join('\r\n');
          const analysis = analyseSheet(parseCsvText(text, separator));
          expect(analysis.ok).toBe(true);
          if (!analysis.ok) return;
          expect(analysis.rows).toHaveLength(1);
          expect(analysis.rows[0]!.values).toEqual(row);
          const [validated] = validateRows(analysis.rows, [{ id: 'l1', name: 'De Tulp', bag_id: null }], '2026-01-01');
          expect(validated!.row.problems).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
