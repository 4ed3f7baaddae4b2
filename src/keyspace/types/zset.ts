/**
 * The sorted set value: a ScoreTree (order, rank, ranges, pops in O(log n)) plus, once the set is
 * past the listpack thresholds, a member → score Map for O(1) ZSCORE and membership. Below the
 * thresholds there is no Map and lookups scan the single small leaf, as Redis scans its listpack:
 * a small zset costs two flat arrays. OBJECT ENCODING reports 'listpack' or 'skiplist' by that state,
 * and the state changes exactly where Redis converts (an add past zset-max-listpack-entries or of a
 * member longer than zset-max-listpack-value; store commands build the compact form when they fit).
 */
import type { Collection } from './index';
import { ScoreTree, Pos } from './zset-tree';

/** zset-max-listpack-entries / zset-max-listpack-value, read by the caller from config. */
export interface ZLimits {
  entries: number;
  value: number;
}

export class ZSet extends ScoreTree implements Collection {
  readonly type = 'zset' as const;
  /** Member → score once skiplist-encoded; null while listpack-encoded. */
  dict: Map<string, number> | null = null;

  size(): number {
    return this.length;
  }

  encoding(): string {
    return this.dict === null ? 'listpack' : 'skiplist';
  }

  clone(): ZSet {
    const z = new ZSet();
    const ms: string[] = [];
    const ss: number[] = [];
    for (const [m, s] of this.entries()) {
      ms.push(m);
      ss.push(s);
    }
    z.loadSorted(ms, ss);
    if (this.dict !== null) z.dict = new Map(this.dict);
    return z;
  }

  /** A new empty zset in the encoding Redis's ZADD picks from the first member's length. */
  static create(firstMemberLen: number, lim: ZLimits): ZSet {
    const z = new ZSet();
    if (lim.entries === 0 || firstMemberLen > lim.value) z.dict = new Map();
    return z;
  }

  /**
   * Builds a zset from members and scores (any order, members unique), choosing the encoding as
   * Redis's zsetConvertToListpackIfNeeded does for store results.
   */
  static fromEntries(ms: string[], ss: number[], lim: ZLimits): ZSet {
    const n = ms.length;
    const idx = sortedOrder(ms, ss);
    const sm = new Array<string>(n);
    const sscore = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      sm[i] = ms[idx[i]];
      sscore[i] = ss[idx[i]];
    }
    return ZSet.fromSorted(sm, sscore, lim);
  }

  /** Builds a zset from members and scores already in (score, member) order; takes the arrays. */
  static fromSorted(ms: string[], ss: number[], lim: ZLimits): ZSet {
    const n = ms.length;
    let maxLen = 0;
    for (let i = 0; i < n; i++) if (ms[i].length > maxLen) maxLen = ms[i].length;
    const compact = n <= lim.entries && maxLen <= lim.value;
    // A listpack stores an integral score as an integer, so -0 reads back as 0.
    if (compact) for (let i = 0; i < n; i++) if (ss[i] === 0) ss[i] = 0;
    const z = new ZSet();
    z.loadSorted(ms, ss);
    if (!compact) {
      const d = new Map<string, number>();
      for (let i = 0; i < n; i++) d.set(ms[i], ss[i]);
      z.dict = d;
    }
    return z;
  }

  /** The score of a member, or undefined. */
  score(m: string): number | undefined {
    if (this.dict !== null) return this.dict.get(m);
    const p = this.scan(m);
    return p === null ? undefined : p.leaf.s[p.i];
  }

  /** Adds a member that is not present, converting to skiplist first if it would not fit a listpack. */
  add(m: string, s: number, lim: ZLimits): void {
    if (this.dict === null) {
      if (this.length + 1 > lim.entries || m.length > lim.value) this.convert();
      else if (s === 0) s = 0; // listpack: integral scores are stored as integers (-0 → 0)
    }
    this.insert(s, m);
    if (this.dict !== null) this.dict.set(m, s);
  }

  /** Moves a present member from score `from` to score `to`. */
  rescore(m: string, from: number, to: number): void {
    this.remove(from, m);
    if (this.dict !== null) this.dict.set(m, to);
    else if (to === 0) to = 0;
    this.insert(to, m);
  }

  /** Removes a member; false if absent. */
  delete(m: string): boolean {
    if (this.dict !== null) {
      const s = this.dict.get(m);
      if (s === undefined) return false;
      this.dict.delete(m);
      this.remove(s, m);
      return true;
    }
    const p = this.scan(m);
    if (p === null) return false;
    this.remove(p.leaf.s[p.i], m);
    return true;
  }

  /** Removes the element at a position read just before (pops). */
  deleteAt(p: Pos): void {
    this.deleteKnown(p.leaf.m[p.i], p.leaf.s[p.i]);
  }

  /** Removes a member whose score is known (range removals). */
  deleteKnown(m: string, s: number): void {
    this.remove(s, m);
    if (this.dict !== null) this.dict.delete(m);
  }

  /** 0-based rank of a member, or -1. */
  rank(m: string): number {
    const s = this.score(m);
    return s === undefined ? -1 : this.rankOf(s, m);
  }

  /** Member at a position. */
  static member(p: Pos): string {
    return p.leaf.m[p.i];
  }

  /** Score at a position. */
  static scoreAt(p: Pos): number {
    return p.leaf.s[p.i];
  }

  /** Switches to the skiplist encoding (adds the member index). Redis never converts back in place. */
  convert(): void {
    if (this.dict !== null) return;
    const d = new Map<string, number>();
    for (const [m, s] of this.entries()) d.set(m, s);
    this.dict = d;
  }

  /** Members in an order that survives concurrent changes (for ZSCAN cursors on big sets). */
  memberIterator(): Iterator<[string, number]> {
    if (this.dict !== null) return this.dict.entries();
    return this.entries();
  }
}

/** Indexes of parallel member/score arrays in (score, member) order. */
export function sortedOrder(ms: string[], ss: number[]): number[] {
  const n = ms.length;
  const idx = new Array<number>(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => (ss[a] < ss[b] ? -1 : ss[a] > ss[b] ? 1 : ms[a] < ms[b] ? -1 : ms[a] > ms[b] ? 1 : 0));
  return idx;
}
