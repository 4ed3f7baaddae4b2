/**
 * Resumable cursors for SCAN, HSCAN, SSCAN and ZSCAN. A cursor names a live iterator over the
 * collection (JS Map/Set iterators survive inserts and deletes), so every element present for the
 * whole scan is returned, as Redis guarantees. Cursors are per collection, unique, and the oldest are
 * forgotten past a cap; an unknown cursor restarts the iteration (never an error, as in Redis).
 */
interface Saved {
  it: Iterator<unknown>;
  /** Items the iteration may still yield (Infinity when unbounded). */
  left: number;
}

const MAX_CURSORS_PER_OWNER = 1024;
const owners = new WeakMap<object, Map<number, Saved>>();
let nextCursor = 1;

/**
 * Takes up to `count` items from the iteration named by `cursor` (0 starts one). Returns the next
 * cursor (0 when the iteration is complete) and the items.
 *
 * `sizeAtStart`, read once when an iteration starts, bounds it to that many items in total. Live
 * Map/Set iterators also visit entries added during the scan (appended at the end); without a bound,
 * inserts faster than COUNT per call would keep a scan going forever. Entries present at the start
 * come first in iteration order, so stopping after that many items still returns every one of them
 * that survived until the iterator passed it.
 */
export function scanStep<T>(owner: object, cursor: number, count: number, iterate: () => Iterator<T>, sizeAtStart?: () => number): [number, T[]] {
  let saved = owners.get(owner);
  let it: Iterator<T> | undefined;
  let left = Infinity;
  if (cursor !== 0 && saved !== undefined) {
    const s = saved.get(cursor);
    if (s !== undefined) {
      saved.delete(cursor);
      it = s.it as Iterator<T>;
      left = s.left;
    }
  }
  if (it === undefined) {
    it = iterate();
    if (sizeAtStart !== undefined) left = sizeAtStart();
  }
  const items: T[] = [];
  for (let i = 0; i < count; i++) {
    if (left === 0) return [0, items];
    const r = it.next();
    if (r.done) return [0, items];
    items.push(r.value);
    left--;
  }
  if (left === 0) return [0, items];
  if (saved === undefined) owners.set(owner, (saved = new Map()));
  if (saved.size >= MAX_CURSORS_PER_OWNER) saved.delete(saved.keys().next().value as number);
  // Keep cursors within 2^53 and away from 0.
  if (nextCursor >= Number.MAX_SAFE_INTEGER) nextCursor = 1;
  const id = nextCursor++;
  saved.set(id, { it, left });
  return [id, items];
}
