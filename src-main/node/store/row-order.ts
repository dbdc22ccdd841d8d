// Keeps people.position (the rowid, and the full-text index's rowid) in name
// order, so a search reads its matches in the order they are shown and a
// page costs its own rows, whatever the number of matches.
//
// Order is (sort_key, account_no, person_id), SQLite's BINARY comparison
// (UTF-8 bytes, i.e. code points). Positions are spread with gaps: rows
// appended after the last one are POSITION_STEP apart; rows falling between
// two neighbours share the gap evenly. When a gap is used up (many single
// inserts at one spot), a window of neighbours around it is spread out
// again, widening until there is room; the moved rows are re-indexed through
// the caller's callback. Positions stay below 2^52 (exact in a JS number).
import type { SqlConnection } from './sqlite-connection';

export const POSITION_STEP = 2 ** 24;
export const MAX_POSITION = 2 ** 52;
/** A spread-out window leaves at least this much room between rows. */
const RESPACED_STEP = 2 ** 10;

export interface OrderKey {
  sortKey: string;
  accountNo: number;
  personId: string;
}

export interface Move {
  from: number;
  to: number;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** SQLite's BINARY order: UTF-8 byte order, which is code point order (JS `<` agrees except around surrogates). */
export function compareText(a: string, b: string): number {
  if (a === b) return 0;
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : 1;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function compareKeys(a: OrderKey, b: OrderKey): number {
  return compareText(a.sortKey, b.sortKey) || a.accountNo - b.accountNo || compareText(a.personId, b.personId);
}

interface Neighbour {
  position: number;
  sort_key: string;
  account_no: number;
  person_id: string;
}

/**
 * Places rows that are not in `people` yet. `keys` must be sorted by compareKeys. For each
 * run of keys that falls into one gap between live rows, `place` is called with the run's
 * index range and its positions; it must insert those rows before returning (a later run
 * may move live rows, never rows placed before it), unless `more` says that runs follow
 * that move no row: then they may wait for the next call.
 */
export function placeInOrder(
  sql: SqlConnection,
  keys: readonly OrderKey[],
  place: (from: number, to: number, positions: readonly number[], more: boolean) => void,
  reindex: (moves: readonly Move[]) => void,
): void {
  if (keys.length === 0) return;
  // Often every key falls into one gap (the first sync of the only account): two lookups.
  const gap = gapAfter(sql, keys[0]!);
  const last = keys.at(-1)!;
  if (!gap.bound || compareKeys(last, gap.bound) < 0) {
    const positions = spread(gap.pred, gap.succ, keys.length);
    if (positions) return place(0, keys.length, positions, false);
  } else {
    const runs = runsOf(sql, keys);
    if (runs) {
      runs.forEach((run, k) => place(run.from, run.to, run.positions, k < runs.length - 1));
      return;
    }
  }
  // Some gap is used up: run by run, spreading rows out where needed.
  let i = 0;
  while (i < keys.length) {
    const { bound, succ, pred } = gapAfter(sql, keys[i]!);
    let j = i + 1;
    if (bound) while (j < keys.length && compareKeys(keys[j]!, bound) < 0) j++;
    else j = keys.length;
    const positions = spread(pred, succ, j - i) ?? respace(sql, pred, succ, j - i, reindex);
    place(i, j, positions, false);
    i = j;
  }
}

/** The gap `key` falls into: the next live row in name order (none: null) and the live row before it by position (none: 0). */
function gapAfter(sql: SqlConnection, key: OrderKey): { bound: OrderKey | null; succ: number | null; pred: number } {
  const next = sql.first<Neighbour>(
    `SELECT position, sort_key, account_no, person_id FROM people
     WHERE (sort_key, account_no, person_id) > (?, ?, ?)
     ORDER BY sort_key, account_no, person_id LIMIT 1`,
    [key.sortKey, key.accountNo, key.personId],
  );
  const succ = next?.position ?? null;
  const pred =
    (succ === null
      ? sql.first<{ position: number }>('SELECT position FROM people ORDER BY position DESC LIMIT 1')
      : sql.first<{ position: number }>('SELECT position FROM people WHERE position < ? ORDER BY position DESC LIMIT 1', [succ])
    )?.position ?? 0;
  return { bound: next ? { sortKey: next.sort_key, accountNo: next.account_no, personId: next.person_id } : null, succ, pred };
}

/** Every key's next live row in name order, and that row's predecessor by position: [next, pred] per key. */
const NEIGHBOURS = `SELECT json_group_array(json_array(next, (SELECT position FROM people WHERE position < coalesce(next, ${MAX_POSITION + 1}) ORDER BY position DESC LIMIT 1)) ORDER BY k) AS rows
  FROM (SELECT j.key AS k, (SELECT position FROM people WHERE (sort_key, account_no, person_id) > (j.value ->> 0, j.value ->> 1, j.value ->> 2)
    ORDER BY sort_key, account_no, person_id LIMIT 1) AS next FROM json_each(?) j)`;

/**
 * The runs of `keys` (sorted) that fall into one gap each, with their positions, from one
 * statement for all keys (a page of people scattered over a large list is as many runs as
 * people: one call each into SQLite cost more than placing them); null when some gap has
 * no room left, for placeInOrder to spread rows out run by run. Keys sharing a next row
 * share its gap. No run moves a live row, so gaps found before any insert stay true.
 */
function runsOf(sql: SqlConnection, keys: readonly OrderKey[]): { from: number; to: number; positions: number[] }[] | null {
  const text = sql.first<{ rows: string | null }>(NEIGHBOURS, [JSON.stringify(keys.map((k) => [k.sortKey, k.accountNo, k.personId]))])?.rows;
  const neighbours = text ? (JSON.parse(text) as [number | null, number | null][]) : [];
  if (neighbours.length !== keys.length) return null;
  const runs: { from: number; to: number; positions: number[] }[] = [];
  let from = 0;
  while (from < keys.length) {
    const [next, pred] = neighbours[from]!;
    let to = from + 1;
    while (to < keys.length && neighbours[to]![0] === next) to++;
    const positions = spread(pred ?? 0, next, to - from);
    if (!positions) return null;
    runs.push({ from, to, positions });
    from = to;
  }
  return runs;
}

/** Positions for `count` rows between `pred` (0: none) and `succ` (null: none), or null when the gap is too small. */
export function spread(pred: number, succ: number | null, count: number): number[] | null {
  const at = (first: number, step: number) => Array.from({ length: count }, (_, k) => first + step * k);
  if (succ === null) {
    if (pred + POSITION_STEP * count <= MAX_POSITION) return at(pred + POSITION_STEP, POSITION_STEP);
    const step = Math.floor((MAX_POSITION - pred) / count);
    return step >= 1 ? at(pred + step, step) : null;
  }
  // In front of the first row: step back from it, so inserts at the front do not halve a gap each time.
  if (pred === 0 && succ - POSITION_STEP * count >= 1) return at(succ - POSITION_STEP * count, POSITION_STEP);
  const step = Math.floor((succ - pred) / (count + 1));
  return step >= 1 ? at(pred + step, step) : null;
}

/**
 * Spreads the rows around the gap (pred, succ) out again, making room for `count` new rows
 * in it, and returns their positions. Live rows are moved through negative positions (no
 * collision with a row not yet moved) and handed to `reindex`.
 */
function respace(sql: SqlConnection, pred: number, succ: number | null, count: number, reindex: (moves: readonly Move[]) => void): number[] {
  for (let width = 16; ; width *= 4) {
    const before = sql
      .all<{ position: number }>('SELECT position FROM people WHERE position <= ? ORDER BY position DESC LIMIT ?', [pred, width + 1])
      .map((r) => r.position);
    const after =
      succ === null
        ? []
        : sql.all<{ position: number }>('SELECT position FROM people WHERE position >= ? ORDER BY position LIMIT ?', [succ, width + 1]).map((r) => r.position);
    const low = before.length > width ? before[width]! : 0;
    const high = after.length > width ? after[width]! : MAX_POSITION + 1;
    const movingBefore = before.slice(0, width).reverse();
    const movingAfter = after.slice(0, width);
    const total = movingBefore.length + count + movingAfter.length;
    const step = Math.floor((high - low) / (total + 1));
    const wholeTable = low === 0 && high === MAX_POSITION + 1;
    if (step < RESPACED_STEP && !wholeTable) continue;
    if (step < 1) throw new Error('No room left to order people (more than 2^52 rows).');
    const target = (k: number) => low + step * (k + 1);
    const moves: Move[] = [];
    movingBefore.forEach((from, k) => moves.push({ from, to: target(k) }));
    movingAfter.forEach((from, k) => moves.push({ from, to: target(movingBefore.length + count + k) }));
    const moved = moves.filter((m) => m.from !== m.to);
    for (const m of moved) sql.run('UPDATE people SET position = ? WHERE position = ?', [-m.to, m.from]);
    if (moved.length > 0) sql.run('UPDATE people SET position = -position WHERE position < 0');
    reindex(moved);
    return Array.from({ length: count }, (_, k) => target(movingBefore.length + k));
  }
}
