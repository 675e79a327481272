/**
 * Small-count protection of anonymous figures (DOMAIN.md "Small counts"; issue 11), the one place these rules live:
 *   - primary: a count of 1 to 4 is not shown (1 to 9 in the inner cells of a cross-table);
 *   - every shown count is rounded to a multiple of 5 (0 stays 0);
 *   - secondary: enough other cells are hidden that no hidden cell can be recomputed from the shown cells and the
 *     row, column and grand totals;
 *   - no average or median over fewer than 10 people.
 * A municipality may make the thresholds stricter, never looser (`protectionRules`).
 *
 * The attacker this protects against is stronger than a real one: it knows every shown cell and total EXACTLY (as if
 * nothing were rounded), knows that a hidden cell is at least 1 (a 0 is always shown) and reasons with every row and
 * column sum. A hidden cell is "determined" when all tables consistent with that knowledge give it the same value.
 * Such a table (inner cells, row totals, column totals, grand total) is a network: writing the totals with a minus
 * sign, every row and column of the extended (R+1)×(C+1) table sums to 0, and two consistent tables differ by a sum
 * of alternating cycles over hidden cells. A hidden cell is therefore determined exactly when it lies on no cycle
 * that can move by ±1 without taking any hidden cell below 1 (`isDetermined`; a property test checks this against a
 * brute-force search). Secondary suppression hides, for a determined cell, the cheapest path of cells that closes
 * such a cycle (Dijkstra; hidden cells cost nothing, totals more than inner cells), until no hidden cell is
 * determined. The grand total is hidden only when it is small itself or when no cycle avoids it (a table whose people
 * all share one column); the figures of a date then hide their total too (`protectList`'s `hideTotal`), so one
 * figure's total never opens another's.
 * Plain module: no Directus import.
 */

export interface ProtectionRules {
  /** Counts from 1 to minCount − 1 are hidden (one-dimensional figures, totals). */
  minCount: number;
  /** Inner cells of a cross-table from 1 to minCrossCount − 1 are hidden. */
  minCrossCount: number;
  /** Shown counts are rounded to a multiple of this. */
  rounding: number;
  /** No average, median or share over fewer people than this. */
  minPeople: number;
}

/** The rules of DOMAIN.md: the least protection any municipality gets. */
export const MINIMUM_PROTECTION: Readonly<ProtectionRules> = Object.freeze({
  minCount: 5,
  minCrossCount: 10,
  rounding: 5,
  minPeople: 10,
});

/** A municipality's own rules: stricter where it asks (whole numbers), never below the minimum. */
export function protectionRules(settings: Partial<Record<keyof ProtectionRules, number | null>> = {}): ProtectionRules {
  const at = (key: keyof ProtectionRules): number => {
    const asked = settings[key];
    const minimum = MINIMUM_PROTECTION[key];
    // whole numbers, at least the minimum, at most 1000 (a threshold above any municipality's figures hides all)
    return typeof asked === 'number' && Number.isFinite(asked)
      ? Math.min(1000, Math.max(minimum, Math.floor(asked)))
      : minimum;
  };
  const rounding = at('rounding');
  return {
    minCount: at('minCount'),
    minCrossCount: Math.max(at('minCrossCount'), at('minCount')),
    // a multiple of 5, so a rounded figure stays comparable with the minimum's
    rounding: Math.ceil(rounding / MINIMUM_PROTECTION.rounding) * MINIMUM_PROTECTION.rounding,
    minPeople: at('minPeople'),
  };
}

/** One published number: `null` and `suppressed: true` for a hidden one. */
export interface Published {
  value: number | null;
  suppressed: boolean;
}

export function rounded(value: number, rules: ProtectionRules): number {
  return Math.round(value / rules.rounding) * rules.rounding;
}

function publish(value: number, hidden: boolean, rules: ProtectionRules): Published {
  return hidden ? { value: null, suppressed: true } : { value: rounded(value, rules), suppressed: false };
}

function checkCounts(values: readonly number[]): void {
  for (const value of values)
    if (!Number.isInteger(value) || value < 0) throw new RangeError('a count is a whole number ≥ 0');
}

// ---------------------------------------------------------------------------------------------------------------
// One-dimensional figures: cells and their total

export interface ProtectedList {
  cells: Published[];
  total: Published;
}

/**
 * Whether a hidden cell of a list is determined by the shown cells and the total (`hidden[i]` per cell; the total
 * hidden or not). With the total shown, the hidden cells' sum S is known and each is ≥ 1: cell i can take another
 * value exactly when another cell is hidden and one of the hidden cells can give up one (is ≥ 2).
 */
export function isListCellDetermined(
  values: readonly number[],
  hidden: readonly boolean[],
  totalHidden: boolean,
  index: number,
): boolean {
  if (!hidden[index]) return true;
  if (totalHidden) return false; // the cell can grow with the total
  const others = values.filter((_, i) => i !== index && hidden[i]);
  if (others.length === 0) return true;
  return !((values[index] ?? 0) >= 2 || others.some((value) => value >= 2));
}

/**
 * Protects a one-dimensional figure (counts per category, with their total). `hideTotal`: another figure of the same
 * people had to hide this total, so this one hides it too (then no cell needs a partner: each can grow with it).
 */
export function protectList(
  values: readonly number[],
  rules: ProtectionRules = MINIMUM_PROTECTION,
  options: { hideTotal?: boolean } = {},
): ProtectedList {
  checkCounts(values);
  const total = values.reduce((sum, value) => sum + value, 0);
  if (options.hideTotal && total > 0)
    return {
      cells: values.map((value) => publish(value, value > 0 && value < rules.minCount, rules)),
      total: publish(total, true, rules),
    };
  if (total > 0 && total < rules.minCount) {
    // a small total: nothing but the zeros is shown
    return { cells: values.map((value) => publish(value, value > 0, rules)), total: publish(total, true, rules) };
  }
  const hidden = values.map((value) => value > 0 && value < rules.minCount);
  const determined = () => values.some((_, i) => hidden[i] && isListCellDetermined(values, hidden, false, i));
  let totalHidden = false;
  while (determined()) {
    // hide the smallest shown cell that is not 0 (it is ≥ minCount ≥ 2, so every hidden cell can move)
    let pick = -1;
    values.forEach((value, i) => {
      if (!hidden[i] && value > 0 && (pick < 0 || value < values[pick]!)) pick = i;
    });
    if (pick < 0) {
      totalHidden = true;
      break;
    }
    hidden[pick] = true;
  }
  return {
    cells: values.map((value, i) => publish(value, hidden[i]!, rules)),
    total: publish(total, totalHidden, rules),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Cross-tables: inner cells, row totals, column totals, grand total

export interface ProtectedCrossTable {
  cells: Published[][];
  rowTotals: Published[];
  columnTotals: Published[];
  total: Published;
}

/**
 * The extended table of a cross-table: R+1 rows and C+1 columns, the last row the column totals, the last column the
 * row totals, the corner the grand total. `hidden` has the same shape.
 */
export interface ExtendedTable {
  values: number[][];
  hidden: boolean[][];
}

export function extendedTable(cells: readonly (readonly number[])[]): number[][] {
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  const values = cells.map((row) => [...row, row.reduce((sum, value) => sum + value, 0)]);
  const bottom: number[] = [];
  for (let j = 0; j <= columns; j++) bottom.push(values.reduce((sum, row) => sum + row[j]!, 0));
  values.push(bottom);
  if (rows === 0) return [[0]];
  return values;
}

/**
 * The arcs of the hidden cells of an extended table: in the signed table (totals negative) moving a cell up is an arc
 * from its row to its column, moving it down an arc from its column to its row; an inner cell or the grand total can
 * always go up and goes down only from 2, a row or column total (negative) the other way round. Nodes: rows 0..R,
 * columns R+1.. (R + 1 rows in the extended table). `up[i]` the columns row i reaches, `down[j]` the rows column j
 * reaches, each as [node, cell row, cell column].
 */
interface HiddenArcs {
  rows: number;
  up: number[][];
  down: number[][];
  /** Scratch for the searches: the search that last saw each node. */
  seen: Uint32Array;
  queue: Int32Array;
  search: number;
}

function hiddenArcs({ values, hidden }: ExtendedTable): HiddenArcs {
  const rows = values.length;
  const columns = values[0]!.length;
  const up: number[][] = Array.from({ length: rows }, () => []);
  const down: number[][] = Array.from({ length: columns }, () => []);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < columns; j++) {
      if (!hidden[i]![j]) continue;
      const total = (i === rows - 1) !== (j === columns - 1);
      const two = values[i]![j]! >= 2;
      if (!total || two) up[i]!.push(j);
      if (total || two) down[j]!.push(i);
    }
  const nodes = rows + columns;
  return { rows, up, down, seen: new Uint32Array(nodes), queue: new Int32Array(nodes), search: 0 };
}

/** Whether node `to` can be reached from node `from` over the hidden cells' arcs, without the cell (a, b). */
function reaches(arcs: HiddenArcs, from: number, to: number, a: number, b: number): boolean {
  const { rows, up, down, seen, queue } = arcs;
  const search = ++arcs.search;
  seen[from] = search;
  queue[0] = from;
  for (let head = 0, tail = 1; head < tail; head++) {
    const node = queue[head]!;
    if (node === to) return true;
    if (node < rows) {
      for (const j of up[node]!) {
        const next = rows + j;
        if (seen[next] !== search && !(node === a && j === b)) {
          seen[next] = search;
          queue[tail++] = next;
        }
      }
    } else {
      const j = node - rows;
      for (const i of down[j]!) {
        if (seen[i] !== search && !(i === a && j === b)) {
          seen[i] = search;
          queue[tail++] = i;
        }
      }
    }
  }
  return false;
}

/** isDetermined over the arcs of the table's hidden cells (computed once for many cells). */
function determinedIn(table: ExtendedTable, arcs: HiddenArcs, a: number, b: number): boolean {
  const { values, hidden } = table;
  if (!hidden[a]?.[b]) return true;
  const rows = values.length;
  const columns = values[0]!.length;
  const total = (a === rows - 1) !== (b === columns - 1);
  const two = values[a]![b]! >= 2;
  if ((!total || two) && reaches(arcs, rows + b, a, a, b)) return false;
  if ((total || two) && reaches(arcs, a, rows + b, a, b)) return false;
  return true;
}

/**
 * Whether the hidden cell (a, b) of an extended table is determined: whether it lies on no cycle of hidden cells
 * along which the table can move by one (the arcs: `hiddenArcs`).
 */
export function isDetermined(table: ExtendedTable, a: number, b: number): boolean {
  return determinedIn(table, hiddenArcs(table), a, b);
}

/**
 * The first determined hidden cell of the table, row by row, or null. `movable` marks the cells known not to be
 * determined; they stay so while more cells are hidden (that only adds arcs: a cycle stays a cycle), so they are not
 * searched again, and the cells found movable now are marked.
 */
function firstDetermined(table: ExtendedTable, movable: boolean[][]): [number, number] | null {
  const arcs = hiddenArcs(table);
  for (let i = 0; i < table.values.length; i++)
    for (let j = 0; j < table.values[i]!.length; j++) {
      if (!table.hidden[i]![j] || movable[i]![j]) continue;
      if (determinedIn(table, arcs, i, j)) return [i, j];
      movable[i]![j] = true;
    }
  return null;
}

/**
 * Protects a cross-table (rows × columns of counts), with its row, column and grand totals. `hideTotal`: another
 * figure of the same people had to hide the grand total, so this one hides it too.
 */
export function protectCrossTable(
  cells: readonly (readonly number[])[],
  rules: ProtectionRules = MINIMUM_PROTECTION,
  options: { hideTotal?: boolean } = {},
): ProtectedCrossTable {
  for (const row of cells) checkCounts(row);
  const rows = cells.length;
  const columns = cells[0]?.length ?? 0;
  if (cells.some((row) => row.length !== columns)) throw new RangeError('every row of a cross-table has its columns');
  const values = extendedTable(cells);
  const R = rows; // index of the totals row
  const C = columns; // index of the totals column
  const isInner = (i: number, j: number) => i < R && j < C;
  const grand = values[R]![C]!;
  const hidden = values.map((row, i) =>
    row.map((value, j) => value > 0 && value < (isInner(i, j) ? rules.minCrossCount : rules.minCount)),
  );
  // a small grand total: nothing but the zeros is shown
  if (grand > 0 && grand < rules.minCount)
    values.forEach((row, i) => row.forEach((value, j) => (hidden[i]![j] = value > 0)));
  // another figure of the same people had to hide this total
  if (options.hideTotal && grand > 0) hidden[R]![C] = true;
  const table: ExtendedTable = { values, hidden };
  const isTotal = (i: number, j: number) => (i === R) !== (j === C);
  const canUp = (i: number, j: number) => !isTotal(i, j) || values[i]![j]! >= 2;
  const canDown = (i: number, j: number) => isTotal(i, j) || values[i]![j]! >= 2;
  // what hiding a cell costs: its value, more for a total (the figure per location shows the row totals)
  const cost = (i: number, j: number): number => (hidden[i]![j] ? 0 : values[i]![j]! + (isTotal(i, j) ? 1000 : 0));
  const rowNode = (i: number) => i;
  const columnNode = (j: number) => R + 1 + j;
  const nodes = R + C + 2;

  /**
   * The cheapest path from `from` to `to` over cells that are not 0 and not (a, b) (hidden ones cost nothing), the
   * grand total only when `withGrand`: the cells that, hidden, close a cycle through (a, b). Dijkstra on a small graph.
   */
  const width = C + 1;
  // per cell (i * width + j): whether it can move up, down (as canUp, canDown), its value
  const ups = new Uint8Array((R + 1) * width);
  const downs = new Uint8Array((R + 1) * width);
  for (let i = 0; i <= R; i++)
    for (let j = 0; j <= C; j++) {
      ups[i * width + j] = canUp(i, j) ? 1 : 0;
      downs[i * width + j] = canDown(i, j) ? 1 : 0;
    }
  const cheapestPath = (a: number, b: number, from: number, to: number, withGrand: boolean) => {
    const distance = new Array<number>(nodes).fill(Infinity);
    const viaNode = new Int32Array(nodes).fill(-1); // the previous node
    const viaCell = new Int32Array(nodes); // the cell (i * width + j) of the arc from it
    const done = new Uint8Array(nodes);
    distance[from] = 0;
    // the arc over cell (i, j) from `node` to `next`
    const relax = (node: number, next: number, i: number, j: number) => {
      if ((i === a && j === b) || values[i]![j] === 0 || (!withGrand && i === R && j === C && !hidden[i]![j])) return;
      const through = distance[node]! + cost(i, j);
      if (through < distance[next]!) {
        distance[next] = through;
        viaNode[next] = node;
        viaCell[next] = i * width + j;
      }
    };
    for (;;) {
      let node = -1;
      for (let k = 0; k < nodes; k++)
        if (!done[k] && distance[k]! < Infinity && (node < 0 || distance[k]! < distance[node]!)) node = k;
      if (node < 0 || node === to) break;
      done[node] = 1;
      if (node <= R) {
        for (let j = 0; j <= C; j++) if (ups[node * width + j]) relax(node, columnNode(j), node, j);
      } else {
        const j = node - R - 1;
        for (let i = 0; i <= R; i++) if (downs[i * width + j]) relax(node, rowNode(i), i, j);
      }
    }
    if (distance[to] === Infinity) return null;
    const path: Array<[number, number]> = [];
    for (let node = to; node !== from; node = viaNode[node]!)
      path.push([Math.floor(viaCell[node]! / width), viaCell[node]! % width]);
    return { cost: distance[to]!, path };
  };

  const movable = values.map((row) => row.map(() => false));
  for (let guard = 0; guard <= (R + 1) * (C + 1); guard++) {
    const open = firstDetermined(table, movable);
    if (!open) break;
    const [a, b] = open;
    // a cycle through (a, b): moving it up closes over a path from its column back to its row, down the other way
    let best: { cost: number; path: Array<[number, number]> } | null = null;
    for (const withGrand of [false, true]) {
      const up = canUp(a, b) ? cheapestPath(a, b, columnNode(b), rowNode(a), withGrand) : null;
      const down = canDown(a, b) ? cheapestPath(a, b, rowNode(a), columnNode(b), withGrand) : null;
      best = up && (!down || up.cost <= down.cost) ? up : down;
      if (best) break;
    }
    if (!best) break;
    for (const [i, j] of best.path) hidden[i]![j] = true;
  }
  // the last resort: every cell that is not 0 hidden (then each lies on a cycle through the totals)
  if (firstDetermined(table, movable))
    for (let i = 0; i <= R; i++) for (let j = 0; j <= C; j++) if (values[i]![j]! > 0) hidden[i]![j] = true;

  const at = (i: number, j: number) => publish(values[i]![j]!, hidden[i]![j]!, rules);
  return {
    cells: cells.map((row, i) => row.map((_, j) => at(i, j))),
    rowTotals: cells.map((_, i) => at(i, C)),
    columnTotals: Array.from({ length: C }, (_, j) => at(R, j)),
    total: at(R, C),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Averages and medians

/** The median of whole numbers, or null over fewer than `minPeople` (rounded to a whole number). */
export function protectedMedian(values: readonly number[], rules: ProtectionRules = MINIMUM_PROTECTION): number | null {
  if (values.length < rules.minPeople || values.length === 0) return null;
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(median);
}

/** A share in whole percent, or null over fewer than `minPeople`. */
export function protectedShare(
  part: number,
  whole: number,
  rules: ProtectionRules = MINIMUM_PROTECTION,
): number | null {
  if (whole < rules.minPeople || whole <= 0) return null;
  return Math.round((100 * part) / whole);
}
