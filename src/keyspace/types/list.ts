/**
 * The list value: a denque ring buffer of latin1 strings (O(1) at both ends, O(1) by index), plus
 * the in-place edits the list commands need (set, insert, remove matches, trim) done by moving
 * elements inside the ring instead of copying the list out. Redis 7.0 reports every list as
 * `quicklist` whatever its size (listpack lists only arrived in 7.2), so OBJECT ENCODING does too.
 */
import Denque from 'denque';
import type { Collection } from './index';

/** denque's ring storage: items live at `_list[(_head + i) & _capacityMask]`. */
interface Ring {
  _list: Array<string | undefined>;
  _head: number;
  _capacityMask: number;
}

/**
 * Whether this denque build keeps the ring layout assumed above (checked once); LSET and the in-place
 * edits write slots directly when it does, and fall back to denque's O(n) splice otherwise.
 */
const RING_OK = ((): boolean => {
  const probe = new Denque<string>(['a', 'b']) as unknown as Ring & Denque<string>;
  probe.unshift('z');
  if (!Array.isArray(probe._list) || typeof probe._head !== 'number' || typeof probe._capacityMask !== 'number') return false;
  probe._list[(probe._head + 1) & probe._capacityMask] = 'y';
  return probe.peekAt(1) === 'y' && probe.peekAt(0) === 'z' && probe.peekAt(2) === 'b';
})();

/** A Redis list: elements in order, head at index 0. */
export class ListValue implements Collection {
  readonly type = 'list' as const;
  readonly items: Denque<string>;

  constructor(items: Denque<string> = new Denque<string>()) {
    this.items = items;
  }

  size(): number {
    return this.items.length;
  }

  /** Redis 7.0 always answers quicklist for lists. */
  encoding(): string {
    return 'quicklist';
  }

  clone(): ListValue {
    return new ListValue(new Denque<string>(this.items.toArray()));
  }

  /** Element at index i (0 ≤ i < size). */
  at(i: number): string {
    return this.items.peekAt(i) as string;
  }

  /** Replaces the element at index i (0 ≤ i < size) in O(1). */
  setAt(i: number, v: string): void {
    if (RING_OK) {
      const r = this.items as unknown as Ring;
      r._list[(r._head + i) & r._capacityMask] = v;
    } else {
      this.items.splice(i, 1, v);
    }
  }

  /** Inserts v so that it ends up at index i (0 ≤ i ≤ size), shifting the shorter side. */
  insertAt(i: number, v: string): void {
    const q = this.items;
    const n = q.length;
    if (i === 0) {
      q.unshift(v);
    } else if (i === n) {
      q.push(v);
    } else if (i < n / 2) {
      q.unshift(this.at(0));
      for (let k = 1; k < i; k++) this.setAt(k, this.at(k + 1));
      this.setAt(i, v);
    } else {
      q.push(this.at(n - 1));
      for (let k = n - 1; k > i; k--) this.setAt(k, this.at(k - 1));
      this.setAt(i, v);
    }
  }

  /**
   * Removes elements equal to v as LREM does: up to `count` from the head (count > 0), from the tail
   * (count < 0), or all (count 0). Compacts in place; returns how many were removed.
   */
  removeMatches(v: string, count: number): number {
    const q = this.items;
    const n = q.length;
    const limit = count === 0 ? Infinity : Math.abs(count);
    let removed = 0;
    if (count >= 0) {
      let w = 0;
      for (let r = 0; r < n; r++) {
        const e = this.at(r);
        if (removed < limit && e === v) {
          removed++;
          continue;
        }
        if (w !== r) this.setAt(w, e);
        w++;
      }
      for (let k = 0; k < removed; k++) q.pop();
    } else {
      let w = n - 1;
      for (let r = n - 1; r >= 0; r--) {
        const e = this.at(r);
        if (removed < limit && e === v) {
          removed++;
          continue;
        }
        if (w !== r) this.setAt(w, e);
        w--;
      }
      for (let k = 0; k < removed; k++) q.shift();
    }
    return removed;
  }

  /** Drops `left` elements from the head and `right` from the tail (LTRIM). */
  trim(left: number, right: number): void {
    const q = this.items;
    if (left + right >= q.length) {
      q.clear();
      return;
    }
    for (let k = 0; k < left; k++) q.shift();
    for (let k = 0; k < right; k++) q.pop();
  }
}

/** A new empty list (module-level so getOrCreate callers pass no per-call closure). */
export function newList(): ListValue {
  return new ListValue();
}
