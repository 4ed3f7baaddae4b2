/**
 * The set value, with Redis 7.0's two encodings (7.0 has no listpack sets; they came in 7.2):
 * - "intset" while every member is an integer (string2ll rules) and there are at most
 *   set-max-intset-entries of them: a sorted array of numbers (bigints beyond 2^53, so every int64
 *   stays exact), so members come out in ascending numeric order as from Redis's intset;
 * - "hashtable" otherwise, for good: a member array plus a member → index Map, so that SPOP and
 *   SRANDMEMBER pick a random member in O(1) as Redis's dictGetFairRandomKey does; SSCAN walks the
 *   Map's live iterator.
 */
import type { Collection } from './index';
import { parseInt64, parseInteger } from '../../../commands/args';

/** An intset member: a number when within ±2^53, else an exact bigint. */
export type IntMember = number | bigint;

/** Redis caps intsets at 2^30 entries whatever set-max-intset-entries says. */
const INTSET_CAP = 1 << 30;

/** A member as an intset value (canonical int64 only, as Redis's isSdsRepresentableAsLongLong), or null. */
export function toIntMember(s: string): IntMember | null {
  if (s.length < 16) return parseInteger(s);
  const big = parseInt64(s);
  if (big === null) return null;
  const n = Number(big);
  return Number.isSafeInteger(n) ? n : big;
}

/** Index of v in the sorted array, or -(insertion point) - 1. Mixed number/bigint `<` is exact. */
function search(a: IntMember[], v: IntMember): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const m = a[mid];
    if (m < v) lo = mid + 1;
    else if (m > v) hi = mid - 1;
    else return mid;
  }
  return -lo - 1;
}

export class RSet implements Collection {
  /** Sorted members while an intset, else null. */
  private ints: IntMember[] | null = [];
  /** Hashtable members (any order) and their indexes in `members`. */
  private members: string[] | null = null;
  private index: Map<string, number> | null = null;

  get type(): 'set' {
    return 'set';
  }

  size(): number {
    return this.ints !== null ? this.ints.length : this.members!.length;
  }

  encoding(): string {
    return this.ints !== null ? 'intset' : 'hashtable';
  }

  clone(): RSet {
    const s = new RSet();
    if (this.ints !== null) {
      s.ints = this.ints.slice();
    } else {
      s.ints = null;
      s.members = this.members!.slice();
      s.index = new Map(this.index!);
    }
    return s;
  }

  /** True while an intset (members in ascending numeric order). */
  get isIntset(): boolean {
    return this.ints !== null;
  }

  has(member: string): boolean {
    if (this.ints !== null) {
      const v = toIntMember(member);
      return v !== null && search(this.ints, v) >= 0;
    }
    return this.index!.has(member);
  }

  /**
   * Adds a member; true if it was new. An intset converts to a hashtable on a non-integer member,
   * or once it holds more than `maxIntset` members (Redis's setTypeAdd).
   */
  add(member: string, maxIntset: number): boolean {
    const ints = this.ints;
    if (ints !== null) {
      const v = toIntMember(member);
      if (v !== null) {
        const at = search(ints, v);
        if (at >= 0) return false;
        const i = -at - 1;
        if (i === ints.length) ints.push(v);
        else ints.splice(i, 0, v);
        if (ints.length > Math.min(maxIntset, INTSET_CAP)) this.convert();
        return true;
      }
      this.convert();
    }
    const index = this.index!;
    if (index.has(member)) return false;
    const members = this.members!;
    index.set(member, members.length);
    members.push(member);
    return true;
  }

  /** Removes a member; true if it was there. */
  remove(member: string): boolean {
    const ints = this.ints;
    if (ints !== null) {
      const v = toIntMember(member);
      if (v === null) return false;
      const at = search(ints, v);
      if (at < 0) return false;
      ints.splice(at, 1);
      return true;
    }
    const i = this.index!.get(member);
    if (i === undefined) return false;
    this.removeAt(i);
    return true;
  }

  /** The member at position i (0 <= i < size) of the set's order. */
  at(i: number): string {
    return this.ints !== null ? String(this.ints[i]) : this.members![i];
  }

  /** Removes the member at position i and returns it (SPOP). */
  removeAt(i: number): string {
    const ints = this.ints;
    if (ints !== null) {
      const v = ints[i];
      ints.splice(i, 1);
      return String(v);
    }
    const members = this.members!;
    const m = members[i];
    const last = members.pop()!;
    const index = this.index!;
    index.delete(m);
    if (i < members.length) {
      members[i] = last;
      index.set(last, i);
    }
    return m;
  }

  /** Every member as a new array, in the set's order (ascending for intsets). */
  toArray(): string[] {
    const ints = this.ints;
    if (ints === null) return this.members!.slice();
    const out = new Array<string>(ints.length);
    for (let i = 0; i < ints.length; i++) out[i] = String(ints[i]);
    return out;
  }

  /** The hashtable's live member iterator (SSCAN cursors survive writes); a snapshot for intsets. */
  iterate(): Iterator<string> {
    return this.index !== null ? this.index.keys() : this.toArray()[Symbol.iterator]();
  }

  /** Converts an intset to a hashtable (never back, as in Redis). */
  private convert(): void {
    const members = this.toArray();
    const index = new Map<string, number>();
    for (let i = 0; i < members.length; i++) index.set(members[i], i);
    this.members = members;
    this.index = index;
    this.ints = null;
  }
}
