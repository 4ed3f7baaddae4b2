/**
 * The sorted set value, with Redis's two encodings:
 * - "listpack" while it has at most zset-max-listpack-entries members of at most
 *   zset-max-listpack-value bytes: every (member, score) pair, in order, packed into ONE flat latin1
 *   string (a length header, the member bytes, the score's 8 IEEE-754 bytes). A small zset then costs
 *   one string instead of an object, two arrays and a string per member (~4x less), and is read by
 *   linear scans as Redis reads its listpack. Like a listpack, it stores an integral -0 as 0.
 * - "skiplist" past those limits, for good: a ScoreTree (B+tree with subtree counts: rank, range and
 *   pop in O(log n)) plus a member → score Map for O(1) ZSCORE.
 * The encoding changes exactly where Redis converts (an add past the limits; store commands build
 * the compact form when the result fits). Commands use only the methods below, never the layout.
 */
import type { Collection } from './index';
import { ScoreTree, Below } from './zset-tree';
import { reserve, headerSize, writeItem, itemLen, itemStart } from './packed';

/** zset-max-listpack-entries / zset-max-listpack-value, read by the caller from config. */
export interface ZLimits {
  entries: number;
  value: number;
}

/** Score bytes go through this view, so writing and reading agree on byte order. */
const f64 = new Float64Array(1);
const u8 = new Uint8Array(f64.buffer);

function entrySize(m: string): number {
  return headerSize(m.length) + m.length + 8;
}

/** Writes one packed entry (the member as an item, then its score's 8 bytes) at off; returns the offset after it. */
function writeEntry(buf: Buffer, off: number, m: string, s: number): number {
  off = writeItem(buf, off, m);
  f64[0] = s;
  for (let i = 0; i < 8; i++) buf[off + i] = u8[i];
  return off + 8;
}

function readScore(pk: string, at: number): number {
  for (let i = 0; i < 8; i++) u8[i] = pk.charCodeAt(at + i);
  return f64[0];
}

/** Bytewise comparison of the packed member at [start, start+len) with m: <0, 0, >0. */
function cmpMember(pk: string, start: number, len: number, m: string): number {
  const n = len < m.length ? len : m.length;
  for (let i = 0; i < n; i++) {
    const d = pk.charCodeAt(start + i) - m.charCodeAt(i);
    if (d !== 0) return d;
  }
  return len - m.length;
}

/** True if the packed entry (score s, member at start/len) is before the bound. */
function packedBefore(kind: Below, x: number, str: string, s: number, pk: string, start: number, len: number): boolean {
  switch (kind) {
    case Below.ScoreLt:
      return s < x;
    case Below.ScoreLe:
      return s <= x;
    case Below.LexLt:
      return cmpMember(pk, start, len, str) < 0;
    default:
      return cmpMember(pk, start, len, str) <= 0;
  }
}

/** Packs entries already in order into one flat string. */
function pack(ms: string[], ss: number[]): string {
  let size = 0;
  for (let i = 0; i < ms.length; i++) size += entrySize(ms[i]);
  const buf = reserve(size);
  let off = 0;
  for (let i = 0; i < ms.length; i++) off = writeEntry(buf, off, ms[i], ss[i]);
  return buf.latin1Slice(0, off);
}

export class ZSet implements Collection {
  /** A getter, not a field: one slot less in every sorted set. */
  get type(): 'zset' {
    return 'zset';
  }
  /** The packed entries while listpack-encoded (null once a skiplist). */
  private pk: string | null = '';
  /** Entry count while packed. */
  private n = 0;
  /** Order structure once skiplist-encoded. */
  private tree: ScoreTree | null = null;
  /** Member → score once skiplist-encoded; null while listpack-encoded. */
  dict: Map<string, number> | null = null;

  get length(): number {
    return this.tree !== null ? this.tree.length : this.n;
  }

  size(): number {
    return this.length;
  }

  encoding(): string {
    return this.pk !== null ? 'listpack' : 'skiplist';
  }

  clone(): ZSet {
    const z = new ZSet();
    if (this.pk !== null) {
      z.pk = this.pk;
      z.n = this.n;
      return z;
    }
    const [ms, ss] = this.slice(0, this.length);
    z.toTree(ms, ss);
    return z;
  }

  /** A new empty zset in the encoding Redis's ZADD picks from the first member's length. */
  static create(firstMemberLen: number, lim: ZLimits): ZSet {
    const z = new ZSet();
    if (lim.entries === 0 || firstMemberLen > lim.value) z.toTree([], []);
    return z;
  }

  /**
   * Builds a zset from members and scores in any order (members unique), choosing the encoding
   * as Redis's zsetConvertToListpackIfNeeded does for store results.
   */
  static fromEntries(ms: string[], ss: number[], lim: ZLimits): ZSet {
    const idx = sortedOrder(ms, ss);
    const n = idx.length;
    const sm = new Array<string>(n);
    const sv = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      sm[i] = ms[idx[i]];
      sv[i] = ss[idx[i]];
    }
    return ZSet.fromSorted(sm, sv, lim);
  }

  /** Builds a zset from members and scores already in (score, member) order; takes the arrays. */
  static fromSorted(ms: string[], ss: number[], lim: ZLimits): ZSet {
    const n = ms.length;
    let maxLen = 0;
    for (let i = 0; i < n; i++) if (ms[i].length > maxLen) maxLen = ms[i].length;
    const z = new ZSet();
    if (n <= lim.entries && maxLen <= lim.value) {
      // A listpack stores an integral score as an integer, so -0 reads back as 0.
      for (let i = 0; i < n; i++) if (ss[i] === 0) ss[i] = 0;
      z.pk = pack(ms, ss);
      z.n = n;
    } else {
      z.toTree(ms, ss);
    }
    return z;
  }

  /** Switches to the skiplist encoding with the given (ordered) contents. */
  private toTree(ms: string[], ss: number[]): void {
    const t = new ScoreTree();
    t.load(ms, ss);
    const d = new Map<string, number>();
    for (let i = 0; i < ms.length; i++) d.set(ms[i], ss[i]);
    this.tree = t;
    this.dict = d;
    this.pk = null;
    this.n = 0;
  }

  /** Converts to skiplist (Redis never converts back in place). Members are copied out flat. */
  convert(): void {
    if (this.pk === null) return;
    const [ms, ss] = this.unpack(0, this.n, true);
    this.toTree(ms, ss);
  }

  /** Header offset of a packed member, or -1. */
  private find(m: string): number {
    const pk = this.pk!;
    const mlen = m.length;
    const end = pk.length;
    let pos = 0;
    while (pos < end) {
      const len = itemLen(pk, pos);
      const start = itemStart(pk, pos);
      if (len === mlen && pk.startsWith(m, start)) return pos;
      pos = start + len + 8;
    }
    return -1;
  }

  /** The score of a member, or undefined. */
  score(m: string): number | undefined {
    if (this.dict !== null) return this.dict.get(m);
    const pos = this.find(m);
    if (pos < 0) return undefined;
    const pk = this.pk!;
    return readScore(pk, itemStart(pk, pos) + itemLen(pk, pos));
  }

  /** Adds a member that is not present, converting to skiplist first if it would not fit a listpack. */
  add(m: string, s: number, lim: ZLimits): void {
    if (this.pk !== null) {
      if (this.n + 1 > lim.entries || m.length > lim.value) this.convert();
      else return this.packedInsert(m, s === 0 ? 0 : s);
    }
    this.tree!.insert(s, m);
    this.dict!.set(m, s);
  }

  /** Inserts into the packed string at its place in the order (one rebuild, as a listpack insert). */
  private packedInsert(m: string, s: number): void {
    const pk = this.pk!;
    const end = pk.length;
    let pos = 0;
    while (pos < end) {
      const len = itemLen(pk, pos);
      const start = itemStart(pk, pos);
      const es = readScore(pk, start + len);
      if (es > s || (es === s && cmpMember(pk, start, len, m) > 0)) break;
      pos = start + len + 8;
    }
    const buf = reserve(end + entrySize(m));
    let off = pos === 0 ? 0 : buf.latin1Write(pos === end ? pk : pk.slice(0, pos), 0);
    off = writeEntry(buf, off, m, s);
    if (pos < end) off += buf.latin1Write(pos === 0 ? pk : pk.slice(pos), off);
    this.pk = buf.latin1Slice(0, off);
    this.n++;
  }

  /** Removes the packed entries in [from, to) (byte offsets) with one rebuild. */
  private packedCut(from: number, to: number, count: number): void {
    const pk = this.pk!;
    this.n -= count;
    if (from === 0) this.pk = to === pk.length ? '' : sliceFlat(pk, to, pk.length);
    else if (to === pk.length) this.pk = sliceFlat(pk, 0, from);
    else {
      const buf = reserve(pk.length - (to - from));
      let off = buf.latin1Write(pk.slice(0, from), 0);
      off += buf.latin1Write(pk.slice(to), off);
      this.pk = buf.latin1Slice(0, off);
    }
  }

  /** Moves a present member from score `from` to score `to`. */
  rescore(m: string, from: number, to: number): void {
    if (this.pk !== null) {
      const pos = this.find(m);
      this.packedCut(pos, pos + entrySize(m), 1);
      this.packedInsert(m, to === 0 ? 0 : to);
      return;
    }
    this.tree!.remove(from, m);
    this.tree!.insert(to, m);
    this.dict!.set(m, to);
  }

  /** Removes a member; false if absent. */
  delete(m: string): boolean {
    if (this.pk !== null) {
      const pos = this.find(m);
      if (pos < 0) return false;
      this.packedCut(pos, pos + entrySize(m), 1);
      return true;
    }
    const s = this.dict!.get(m);
    if (s === undefined) return false;
    this.dict!.delete(m);
    this.tree!.remove(s, m);
    return true;
  }

  /** Removes the n elements from rank `first` on. */
  deleteRange(first: number, n: number): void {
    if (this.pk !== null) {
      const from = this.offsetOf(first);
      let to = from;
      const pk = this.pk;
      for (let k = 0; k < n; k++) to = itemStart(pk, to) + itemLen(pk, to) + 8;
      this.packedCut(from, to, n);
      return;
    }
    const [ms, ss] = this.slice(first, n);
    for (let i = 0; i < n; i++) {
      this.tree!.remove(ss[i], ms[i]);
      this.dict!.delete(ms[i]);
    }
  }

  /** Removes and returns the lowest (or highest) element; the set must not be empty. */
  pop(max: boolean): [string, number] {
    const r = this.entryAt(max ? this.length - 1 : 0);
    if (this.pk !== null) this.deleteRange(max ? this.n - 1 : 0, 1);
    else {
      this.tree!.remove(r[1], r[0]);
      this.dict!.delete(r[0]);
    }
    return r;
  }

  /** Byte offset of the packed entry at a rank (the string's length for rank == n). */
  private offsetOf(rank: number): number {
    const pk = this.pk!;
    let pos = 0;
    for (let k = 0; k < rank; k++) pos = itemStart(pk, pos) + itemLen(pk, pos) + 8;
    return pos;
  }

  /** 0-based rank of a member, or -1. */
  rank(m: string): number {
    if (this.dict !== null) {
      const s = this.dict.get(m);
      return s === undefined ? -1 : this.tree!.rankOf(s, m);
    }
    const pk = this.pk!;
    const mlen = m.length;
    let pos = 0;
    for (let r = 0; r < this.n; r++) {
      const len = itemLen(pk, pos);
      const start = itemStart(pk, pos);
      if (len === mlen && pk.startsWith(m, start)) return r;
      pos = start + len + 8;
    }
    return -1;
  }

  /** Number of elements before a score or lex bound (the rank of the first one not before it). */
  countBelow(kind: Below, x: number, str: string): number {
    if (this.tree !== null) return this.tree.countBelow(kind, x, str);
    const pk = this.pk!;
    let pos = 0;
    let r = 0;
    for (; r < this.n; r++) {
      const len = itemLen(pk, pos);
      const start = itemStart(pk, pos);
      if (!packedBefore(kind, x, str, readScore(pk, start + len), pk, start, len)) break;
      pos = start + len + 8;
    }
    return r;
  }

  /** The element at a rank (0 <= rank < length). */
  entryAt(rank: number): [string, number] {
    if (this.tree !== null) {
      const p = this.tree.at(rank);
      return [p.leaf.m[p.i], p.leaf.s[p.i]];
    }
    const [ms, ss] = this.unpack(rank, 1, false);
    return [ms[0], ss[0]];
  }

  /** The n elements from rank `first` on, in ascending order, as parallel arrays. */
  slice(first: number, n: number): [string[], number[]] {
    if (this.pk !== null) return this.unpack(first, n, false);
    const ms = new Array<string>(n);
    const ss = new Array<number>(n);
    if (n === 0) return [ms, ss];
    const p = this.tree!.at(first);
    for (let k = 0; ; ) {
      ms[k] = p.leaf.m[p.i];
      ss[k] = p.leaf.s[p.i];
      if (++k === n) break;
      ScoreTree.next(p);
    }
    return [ms, ss];
  }

  /**
   * Decodes n packed entries from a rank. `flat` copies members out through a Buffer, so that ones
   * kept for long (conversion to skiplist) do not pin the packed string as V8 substrings would.
   */
  private unpack(first: number, n: number, flat: boolean): [string[], number[]] {
    const pk = this.pk!;
    const ms = new Array<string>(n);
    const ss = new Array<number>(n);
    let pos = this.offsetOf(first);
    const bytes = flat ? Buffer.from(pk, 'latin1') : null;
    for (let k = 0; k < n; k++) {
      const len = itemLen(pk, pos);
      const start = itemStart(pk, pos);
      ms[k] = bytes !== null ? bytes.latin1Slice(start, start + len) : pk.slice(start, start + len);
      ss[k] = readScore(pk, start + len);
      pos = start + len + 8;
    }
    return [ms, ss];
  }

  /** Every element in ascending order. */
  *entries(): IterableIterator<[string, number]> {
    if (this.tree !== null) {
      yield* this.tree.entries();
      return;
    }
    const [ms, ss] = this.unpack(0, this.n, false);
    for (let i = 0; i < ms.length; i++) yield [ms[i], ss[i]];
  }

  /** Checks the structural invariants (tests only). */
  verify(): void {
    if (this.tree !== null) {
      this.tree.verify();
      if (this.dict!.size !== this.tree.length) throw new Error('dict size mismatch');
      return;
    }
    const [ms, ss] = this.unpack(0, this.n, false);
    if (this.offsetOf(this.n) !== this.pk!.length) throw new Error('packed length mismatch');
    for (let i = 1; i < ms.length; i++) {
      if (!(ss[i - 1] < ss[i] || (ss[i - 1] === ss[i] && ms[i - 1] < ms[i]))) throw new Error('packed out of order');
    }
  }
}

/** A flat copy of pk[from, to) (a plain slice would keep the whole old string alive). */
function sliceFlat(pk: string, from: number, to: number): string {
  const buf = reserve(to - from);
  const n = buf.latin1Write(pk.slice(from, to), 0);
  return buf.latin1Slice(0, n);
}

/** Indexes of parallel member/score arrays in (score, member) order. */
export function sortedOrder(ms: string[], ss: number[]): number[] {
  const n = ms.length;
  const idx = new Array<number>(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  idx.sort((a, b) => (ss[a] < ss[b] ? -1 : ss[a] > ss[b] ? 1 : ms[a] < ms[b] ? -1 : ms[a] > ms[b] ? 1 : 0));
  return idx;
}
