/**
 * Small-count protection (domain/insight/protection.ts): the primary rule, rounding, and — for random tables — that
 * no hidden cell is determined by the shown cells and the totals. "Determined" is checked here by brute force,
 * independently of the module's cycle argument: the attacker knows every shown number exactly (stronger than the
 * rounded truth), knows a hidden cell is at least 1 (a 0 is always shown), and searches for another table that fits
 * every row and column sum. The feasible values of one cell in such a system (a network matrix, totally unimodular)
 * form an interval of whole numbers, so the cell is determined exactly when neither its value − 1 nor + 1 fits.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  extendedTable,
  isDetermined,
  MINIMUM_PROTECTION,
  protectCrossTable,
  protectedMedian,
  protectedShare,
  protectionRules,
  protectList,
  type ProtectedCrossTable,
} from '../../extensions/labour-platform/src/domain/insight';

// ---------------------------------------------------------------------------------------------------------------
// The brute-force attacker

/** Cells of the extended table as (row, column); a line is a row or a column of it with signed members. */
function alternativeExists(
  values: number[][],
  hidden: boolean[][],
  a: number,
  b: number,
  alternative: number,
): boolean {
  const rows = values.length;
  const columns = values[0]!.length;
  const sign = (i: number, j: number) => ((i === rows - 1) !== (j === columns - 1) ? -1 : 1);
  const bound = values[rows - 1]![columns - 1]! + 2;
  const unknowns: Array<[number, number]> = [];
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < columns; j++) if (hidden[i]![j] && !(i === a && j === b)) unknowns.push([i, j]);
  const assigned = values.map((row, i) => row.map((value, j) => (hidden[i]![j] ? null : value)));
  assigned[a]![b] = alternative;
  const lines: Array<Array<[number, number]>> = [];
  for (let i = 0; i < rows; i++) lines.push(Array.from({ length: columns }, (_, j) => [i, j] as [number, number]));
  for (let j = 0; j < columns; j++) lines.push(Array.from({ length: rows }, (_, i) => [i, j] as [number, number]));
  let budget = 500_000;
  const consistent = (): boolean =>
    lines.every((line) => {
      let sum = 0;
      let low = 0;
      let high = 0;
      for (const [i, j] of line) {
        const value: number | null = assigned[i]![j] ?? null;
        const s = sign(i, j);
        if (value === null) {
          low += s > 0 ? 1 : -bound;
          high += s > 0 ? bound : -1;
        } else sum += s * value;
      }
      return sum + low <= 0 && 0 <= sum + high;
    });
  const search = (): boolean => {
    if (--budget < 0) throw new Error('brute force: out of budget');
    if (!consistent()) return false;
    // a line with one unknown left forces it
    for (const line of lines) {
      const open = line.filter(([i, j]) => assigned[i]![j] === null);
      if (open.length !== 1) continue;
      const [i, j] = open[0]!;
      const rest = line.reduce(
        (sum, [x, y]) => sum + (assigned[x]![y] === null ? 0 : sign(x, y) * assigned[x]![y]!),
        0,
      );
      const forced = -rest / sign(i, j);
      if (!Number.isInteger(forced) || forced < 1 || forced > bound) return false;
      assigned[i]![j] = forced;
      const found = search();
      assigned[i]![j] = null;
      return found;
    }
    const next = unknowns.find(([i, j]) => assigned[i]![j] === null);
    if (!next) return true;
    const [i, j] = next;
    // nearest to the true value first: a fitting table, if any, is usually near
    const truth = values[i]![j]!;
    const order = Array.from({ length: bound }, (_, k) => k + 1).sort(
      (x, y) => Math.abs(x - truth) - Math.abs(y - truth),
    );
    for (const candidate of order) {
      assigned[i]![j] = candidate;
      if (search()) {
        assigned[i]![j] = null;
        return true;
      }
    }
    assigned[i]![j] = null;
    return false;
  };
  return search();
}

function bruteDetermined(values: number[][], hidden: boolean[][], a: number, b: number): boolean {
  const value = values[a]![b]!;
  return ![value - 1, value + 1].some(
    (alternative) => alternative >= 1 && alternativeExists(values, hidden, a, b, alternative),
  );
}

function hiddenOf(table: ProtectedCrossTable): boolean[][] {
  return [
    ...table.cells.map((row, i) => [...row.map((cell) => cell.suppressed), table.rowTotals[i]!.suppressed]),
    [...table.columnTotals.map((cell) => cell.suppressed), table.total.suppressed],
  ];
}

// ---------------------------------------------------------------------------------------------------------------
// Generators

const count = fc.oneof(
  { weight: 3, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 9 }) },
  { weight: 3, arbitrary: fc.integer({ min: 10, max: 40 }) },
);
const crossTable = fc
  .record({ rows: fc.integer({ min: 1, max: 3 }), columns: fc.integer({ min: 1, max: 4 }) })
  .chain(({ rows, columns }) =>
    fc.array(fc.array(count, { minLength: columns, maxLength: columns }), { minLength: rows, maxLength: rows }),
  );

// ---------------------------------------------------------------------------------------------------------------

describe('the rules', () => {
  it('are never looser than DOMAIN.md, and stricter where a municipality asks', () => {
    expect(protectionRules()).toEqual(MINIMUM_PROTECTION);
    expect(protectionRules({ minCount: 2, minCrossCount: 3, rounding: 1, minPeople: 0 })).toEqual(MINIMUM_PROTECTION);
    expect(protectionRules({ minCount: 7, minCrossCount: null, rounding: 7, minPeople: 20 })).toEqual({
      minCount: 7,
      minCrossCount: 10,
      rounding: 10,
      minPeople: 20,
    });
    expect(protectionRules({ minCount: 12 }).minCrossCount).toBe(12);
    fc.assert(
      fc.property(
        fc.record({
          minCount: fc.option(fc.double()),
          minCrossCount: fc.option(fc.double()),
          rounding: fc.option(fc.double()),
          minPeople: fc.option(fc.double()),
        }),
        (settings) => {
          const rules = protectionRules(settings);
          expect(rules.minCount).toBeGreaterThanOrEqual(5);
          expect(rules.minCrossCount).toBeGreaterThanOrEqual(10);
          expect(rules.rounding % 5).toBe(0);
          expect(rules.rounding).toBeGreaterThanOrEqual(5);
          expect(rules.minPeople).toBeGreaterThanOrEqual(10);
        },
      ),
    );
  });

  it('a median, an average or a share needs 10 people', () => {
    expect(protectedMedian([1, 2, 3, 4, 5, 6, 7, 8, 9])).toBeNull();
    expect(protectedMedian([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(6); // 5.5 rounded
    expect(protectedMedian([40, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toBe(6);
    expect(protectedShare(3, 9)).toBeNull();
    expect(protectedShare(3, 10)).toBe(30);
  });
});

describe('a one-dimensional figure', () => {
  it('hides 1 to 4, rounds the rest to 5, and hides one more so the total gives nothing away', () => {
    const published = protectList([3, 12, 27, 0]);
    expect(published.cells).toEqual([
      { value: null, suppressed: true },
      { value: null, suppressed: true }, // the smallest shown cell, or 3 = total − 12 − 27
      { value: 25, suppressed: false },
      { value: 0, suppressed: false },
    ]);
    expect(published.total).toEqual({ value: 40, suppressed: false });
  });

  it('a total of 1 to 4 shows nothing but the zeros', () => {
    expect(protectList([0, 3, 1])).toEqual({
      cells: [
        { value: 0, suppressed: false },
        { value: null, suppressed: true },
        { value: null, suppressed: true },
      ],
      total: { value: null, suppressed: true },
    });
  });

  it('for random lists: small counts hidden, shown counts rounded, no hidden cell determined', () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 8 }), (values) => {
        const published = protectList(values);
        const total = values.reduce((sum, value) => sum + value, 0);
        values.forEach((value, i) => {
          const cell = published.cells[i]!;
          if (value >= 1 && value <= 4) expect(cell.suppressed).toBe(true);
          if (value === 0) expect(cell).toEqual({ value: 0, suppressed: false });
          if (cell.suppressed) expect(cell.value).toBeNull();
          else expect(cell.value! % 5).toBe(0);
        });
        if (total >= 1 && total <= 4) expect(published.total.suppressed).toBe(true);
        // the attacker: with the total shown, the hidden cells share a known sum, each at least 1
        if (!published.total.suppressed) {
          const hidden = values.filter((_, i) => published.cells[i]!.suppressed);
          const sum = hidden.reduce((s, value) => s + value, 0);
          for (const value of hidden) {
            const highest = sum - (hidden.length - 1); // all the others at 1
            expect(highest, `cell ${value} of ${JSON.stringify(values)}`).toBeGreaterThan(1);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('a cross-table', () => {
  it('hides inner cells of 1 to 9 with enough others that no row or column total gives one away', () => {
    const published = protectCrossTable([
      [20, 3, 15],
      [12, 14, 30],
    ]);
    expect(published.cells[0]![1]).toEqual({ value: null, suppressed: true });
    const hidden = hiddenOf(published);
    const values = extendedTable([
      [20, 3, 15],
      [12, 14, 30],
    ]);
    for (let i = 0; i < values.length; i++)
      for (let j = 0; j < values[0]!.length; j++)
        if (hidden[i]![j]) expect(bruteDetermined(values, hidden, i, j)).toBe(false);
    expect(published.total).toEqual({ value: 95, suppressed: false });
  });

  it('the cycle test agrees with the brute-force attacker on random hidden cells', () => {
    fc.assert(
      fc.property(crossTable, fc.array(fc.boolean(), { minLength: 20, maxLength: 20 }), (cells, coin) => {
        const values = extendedTable(cells);
        let k = 0;
        const hidden = values.map((row) => row.map((value) => value > 0 && coin[k++ % coin.length]!));
        for (let i = 0; i < values.length; i++)
          for (let j = 0; j < values[0]!.length; j++)
            if (hidden[i]![j])
              expect(
                isDetermined({ values, hidden }, i, j),
                `${JSON.stringify(values)} ${JSON.stringify(hidden)} (${i},${j})`,
              ).toBe(bruteDetermined(values, hidden, i, j));
      }),
      { numRuns: 300 },
    );
  });

  it('for random tables with totals: no hidden cell is determined by the shown cells and totals', () => {
    fc.assert(
      fc.property(crossTable, fc.boolean(), (cells, hideTotal) => {
        const published = protectCrossTable(cells, MINIMUM_PROTECTION, { hideTotal });
        if (hideTotal) expect(published.total.suppressed).toBe(cells.flat().some((value) => value > 0));
        const values = extendedTable(cells);
        const hidden = hiddenOf(published);
        const rows = cells.length;
        const columns = cells[0]!.length;
        for (let i = 0; i <= rows; i++)
          for (let j = 0; j <= columns; j++) {
            const value = values[i]![j]!;
            const inner = i < rows && j < columns;
            const cell =
              i < rows && j < columns
                ? published.cells[i]![j]!
                : i < rows
                  ? published.rowTotals[i]!
                  : j < columns
                    ? published.columnTotals[j]!
                    : published.total;
            // primary rule, zeros shown, rounding
            if (value >= 1 && value < (inner ? 10 : 5)) expect(cell.suppressed).toBe(true);
            if (value === 0) expect(cell).toEqual({ value: 0, suppressed: false });
            if (cell.suppressed) expect(cell.value).toBeNull();
            else expect(cell.value).toBe(Math.round(value / 5) * 5);
            // secondary rule, checked by the attacker
            if (hidden[i]![j])
              expect(bruteDetermined(values, hidden, i, j), `${JSON.stringify(cells)} (${i},${j})`).toBe(false);
          }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the grand total shown when it is not small and nothing is hidden, and hides it when it is', () => {
    fc.assert(
      fc.property(crossTable, (cells) => {
        const published = protectCrossTable(cells);
        const values = extendedTable(cells).flat();
        const grand = cells.flat().reduce((sum, value) => sum + value, 0);
        if (grand >= 1 && grand <= 4) expect(published.total.suppressed).toBe(true);
        const small =
          cells.flat().some((value) => value >= 1 && value <= 9) || values.some((value) => value >= 1 && value <= 4);
        if (!small) {
          expect(hiddenOf(published).flat().some(Boolean)).toBe(false);
          expect(published.total.suppressed).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('closes a longer cycle through the totals before it hides the grand total', () => {
    const cells = [
      [1, 0],
      [0, 10],
      [1, 0],
    ];
    const published = protectCrossTable(cells);
    expect(published.total).toEqual({ value: 10, suppressed: false });
    const values = extendedTable(cells);
    const hidden = hiddenOf(published);
    values.forEach((row, i) =>
      row.forEach((_, j) => hidden[i]![j] && expect(bruteDetermined(values, hidden, i, j)).toBe(false)),
    );
  });

  it('hides the grand total when no cycle avoids it (everyone in one cell)', () => {
    expect(protectCrossTable([[7]]).total).toEqual({ value: null, suppressed: true });
  });
});
