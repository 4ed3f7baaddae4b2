/**
 * What the sorted-set commands share: C strtod as Redis feeds it scores (hex floats, inf, leading
 * spaces in ranges, overflow rules), score and lex range bounds, the listpack
 * limits from config, key lookups, and the WITHSCORES reply shapes of RESP2 and RESP3.
 */
import type { Client } from '../src/connection';
import { fail, NOT_FLOAT, WRONGTYPE } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { lookupRead } from './strings';
import { ZSet, ZLimits } from '../src/keyspace/types/zset';
import { Below } from '../src/keyspace/types/zset-tree';
import { formatG } from '../src/protocol/reply';

export const MIN_MAX_NOT_FLOAT = 'ERR min or max is not a float';
export const MIN_MAX_NOT_STRING = 'ERR min or max not valid string range item';

/** Set by strtod: index just past the parsed number (0 if nothing parsed) and C's ERANGE. */
let strtodEnd = 0;
let strtodRange = false;

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  const l = c | 32;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

function matchWord(s: string, i: number, w: string): boolean {
  return s.length - i >= w.length && s.slice(i, i + w.length).toLowerCase() === w;
}

/**
 * C's strtod on s[from..]: the value of the longest prefix that is a number (leading whitespace,
 * sign, decimal or hex float, inf/infinity, nan[(chars)]). Sets strtodEnd (0 when nothing parsed) and
 * strtodRange (overflow to ±inf, or underflow to 0, as glibc reports ERANGE).
 */
export function strtod(s: string): number {
  strtodEnd = 0;
  strtodRange = false;
  const n = s.length;
  let i = 0;
  while (i < n && isSpace(s.charCodeAt(i))) i++;
  let neg = false;
  if (i < n && (s[i] === '+' || s[i] === '-')) {
    neg = s[i] === '-';
    i++;
  }
  if (matchWord(s, i, 'inf')) {
    i += matchWord(s, i, 'infinity') ? 8 : 3;
    strtodEnd = i;
    return neg ? -Infinity : Infinity;
  }
  if (matchWord(s, i, 'nan')) {
    i += 3;
    if (s[i] === '(') {
      let j = i + 1;
      while (j < n && /[A-Za-z0-9_]/.test(s[j])) j++;
      if (s[j] === ')') i = j + 1;
    }
    strtodEnd = i;
    return NaN;
  }
  if (s[i] === '0' && (s[i + 1] === 'x' || s[i + 1] === 'X')) {
    const v = hexFloat(s, i + 2);
    if (v !== null) return neg ? -v : v;
    // "0x" without hex digits is the number 0 followed by junk.
    strtodEnd = i + 1;
    return neg ? -0 : 0;
  }
  const start = i;
  let digits = 0;
  let nonzero = false;
  while (i < n && isDigit(s.charCodeAt(i))) {
    if (s[i] !== '0') nonzero = true;
    i++;
    digits++;
  }
  if (s[i] === '.') {
    i++;
    while (i < n && isDigit(s.charCodeAt(i))) {
      if (s[i] !== '0') nonzero = true;
      i++;
      digits++;
    }
  }
  if (digits === 0) return 0;
  let end = i;
  if (s[i] === 'e' || s[i] === 'E') {
    let j = i + 1;
    if (s[j] === '+' || s[j] === '-') j++;
    if (j < n && isDigit(s.charCodeAt(j))) {
      while (j < n && isDigit(s.charCodeAt(j))) j++;
      end = j;
    }
  }
  strtodEnd = end;
  let text = s.slice(start, end);
  if (text.charCodeAt(text.length - 1) === 46) text += '0'; // "5." is fine for C
  let v = Number(text);
  if (v === Infinity) strtodRange = true;
  else if (v === 0 && nonzero) strtodRange = true;
  if (neg) v = -v;
  return v;
}

/** Hex float body after "0x": digits, optional fraction, optional binary exponent; null if no digit. */
function hexFloat(s: string, i: number): number | null {
  const n = s.length;
  let mant = 0n;
  let digits = 0;
  let exp = 0;
  while (i < n && hexVal(s.charCodeAt(i)) >= 0) {
    mant = mant * 16n + BigInt(hexVal(s.charCodeAt(i++)));
    digits++;
  }
  if (s[i] === '.') {
    let j = i + 1;
    let frac = 0;
    while (j < n && hexVal(s.charCodeAt(j)) >= 0) {
      mant = mant * 16n + BigInt(hexVal(s.charCodeAt(j++)));
      frac++;
    }
    if (digits + frac > 0) {
      i = j;
      digits += frac;
      exp -= 4 * frac;
    }
  }
  if (digits === 0) return null;
  if (s[i] === 'p' || s[i] === 'P') {
    let j = i + 1;
    let eneg = false;
    if (s[j] === '+' || s[j] === '-') eneg = s[j++] === '-';
    if (j < n && isDigit(s.charCodeAt(j))) {
      let e = 0;
      while (j < n && isDigit(s.charCodeAt(j))) e = Math.min(e * 10 + (s.charCodeAt(j++) - 48), 100000);
      exp += eneg ? -e : e;
      i = j;
    }
  }
  strtodEnd = i;
  const v = Number(mant) * Math.pow(2, exp);
  if (v === Infinity || (v === 0 && mant !== 0n)) strtodRange = true;
  return v;
}

/** A double as Redis's getDoubleFromObject reads it (whole string, no leading space, no NaN, no overflow), or null. */
export function parseScore(s: string): number | null {
  if (s.length === 0 || isSpace(s.charCodeAt(0))) return null;
  const v = strtod(s);
  if (strtodEnd !== s.length || Number.isNaN(v)) return null;
  if (strtodRange && (v === 0 || !Number.isFinite(v))) return null;
  return v;
}

/** A score argument or `ERR value is not a valid float` (or msg). */
export function scoreArg(s: string, msg = NOT_FLOAT): number {
  const v = parseScore(s);
  if (v === null) fail(msg);
  return v;
}

/** strtod as zslParseRange uses it: anything up to the end (or a NUL byte) that is not NaN. */
function rangeDouble(s: string): number | null {
  const nul = s.indexOf('\0');
  if (nul !== -1) s = s.slice(0, nul);
  const v = strtod(s);
  if (strtodEnd !== s.length && !(strtodEnd === 0 && s.length === 0)) return null;
  if (Number.isNaN(v)) return null;
  return v;
}

/** A parsed score range as rank bounds: elements in [countBelow(loKind, lo), countBelow(hiKind, hi)). */
export interface ScoreRange {
  min: number;
  max: number;
  minex: boolean;
  maxex: boolean;
}

/** Parses ZRANGEBYSCORE-style bounds ("(" exclusive, inf), or throws `min or max is not a float`. */
export function parseScoreRange(minArg: string, maxArg: string): ScoreRange {
  const minex = minArg.charCodeAt(0) === 40; // '('
  const maxex = maxArg.charCodeAt(0) === 40;
  const min = rangeDouble(minex ? minArg.slice(1) : minArg);
  const max = rangeDouble(maxex ? maxArg.slice(1) : maxArg);
  if (min === null || max === null) fail(MIN_MAX_NOT_FLOAT);
  return { min, max, minex, maxex };
}

/** Rank of the first element inside the score range (elements below min). */
export function scoreLo(z: ZSet, r: ScoreRange): number {
  return z.countBelow(r.minex ? Below.ScoreLe : Below.ScoreLt, r.min, '');
}

/** Rank just past the last element inside the score range. */
export function scoreHi(z: ZSet, r: ScoreRange): number {
  return z.countBelow(r.maxex ? Below.ScoreLt : Below.ScoreLe, r.max, '');
}

/** A lex bound: '-' / '+' are the infinities, otherwise a string inclusive '[' or exclusive '('. */
export interface LexBound {
  /** -1 for '-', 1 for '+', 0 for a string. */
  inf: number;
  s: string;
  ex: boolean;
}

function lexItem(a: string): LexBound | null {
  const c = a.charCodeAt(0);
  if (c === 43 /* + */ || c === 45 /* - */) {
    // C compares up to the NUL terminator: "+" and "+\0..." are both the bare infinity.
    if (a.length !== 1 && a.charCodeAt(1) !== 0) return null;
    return { inf: c === 43 ? 1 : -1, s: '', ex: false };
  }
  if (c === 40 /* ( */) return { inf: 0, s: a.slice(1), ex: true };
  if (c === 91 /* [ */) return { inf: 0, s: a.slice(1), ex: false };
  return null;
}

/** Parses ZRANGEBYLEX-style bounds or throws `min or max not valid string range item`. */
export function parseLexRange(minArg: string, maxArg: string): [LexBound, LexBound] {
  const min = lexItem(minArg);
  const max = lexItem(maxArg);
  if (min === null || max === null) fail(MIN_MAX_NOT_STRING);
  return [min, max];
}

/** Rank of the first element at or above a lex min bound. */
export function lexLo(z: ZSet, b: LexBound): number {
  if (b.inf !== 0) return b.inf < 0 ? 0 : z.length;
  return z.countBelow(b.ex ? Below.LexLe : Below.LexLt, 0, b.s);
}

/** Rank just past the last element at or below a lex max bound. */
export function lexHi(z: ZSet, b: LexBound): number {
  if (b.inf !== 0) return b.inf < 0 ? 0 : z.length;
  return z.countBelow(b.ex ? Below.LexLt : Below.LexLe, 0, b.s);
}

function lexGteMin(m: string, b: LexBound): boolean {
  if (b.inf !== 0) return b.inf < 0;
  return b.ex ? m > b.s : m >= b.s;
}

function lexLteMax(m: string, b: LexBound): boolean {
  if (b.inf !== 0) return b.inf > 0;
  return b.ex ? m < b.s : m <= b.s;
}

/** sdscmplex: '-' below everything, '+' above, equal infinities equal. */
function cmpLexBounds(a: LexBound, b: LexBound): number {
  if (a.inf !== 0 || b.inf !== 0) return a.inf === b.inf ? 0 : a.inf < b.inf ? -1 : 1;
  return a.s < b.s ? -1 : a.s > b.s ? 1 : 0;
}

/**
 * A lex range as Redis 7.0 serves it: [first rank, count], walking down from `first` when `rev`.
 * Redis checks the range against the first and last members, finds the first member >= min (or,
 * reversed, the last <= max), skips LIMIT's offset unchecked, then walks while the members stay
 * <= max (>= min) for at most `limit` (< 0: no limit). With one score throughout (the documented
 * use) that is plain bound search plus the result; with mixed scores it is Redis's answer too for a
 * listpack (a scan from its ends), while for a skiplist Redis's start depends on its random node
 * levels and the tree's search stands in for it. Costs O(log n + result) on a tree.
 */
export function lexSpan(z: ZSet, min: LexBound, max: LexBound, rev: boolean, offset: number, limit: number, removal = false): [number, number] {
  const n = z.length;
  if (n === 0 || offset < 0) return [0, 0];
  const packed = z.dict === null;
  const all = packed ? z.slice(0, n)[0] : null;
  const at = (r: number): string => (all !== null ? all[r] : z.entryAt(r)[0]);
  // Redis's skiplist range removal (zslDeleteRangeByLex) just descends and walks, without the checks.
  const checks = packed || !removal;
  if (checks) {
    const cmp = cmpLexBounds(min, max);
    if (cmp > 0 || (cmp === 0 && (min.ex || max.ex))) return [0, 0];
    if (!lexGteMin(at(n - 1), min) || !lexLteMax(at(0), max)) return [0, 0];
  }
  let start: number;
  if (!rev) {
    if (all !== null) {
      start = 0;
      while (start < n && !lexGteMin(all[start], min)) start++;
    } else {
      start = lexLo(z, min);
    }
    // The first member >= min must also be <= max, or the range is empty.
    if (start >= n || (checks && !lexLteMax(at(start), max))) return [0, 0];
    start += offset;
  } else {
    if (all !== null) {
      start = n - 1;
      while (start >= 0 && !lexLteMax(all[start], max)) start--;
    } else {
      start = lexHi(z, max) - 1;
    }
    if (start < 0 || !lexGteMin(at(start), min)) return [0, 0];
    start -= offset;
  }
  if (start < 0 || start >= n) return [0, 0];
  // Walk in chunks so a LIMIT page or a short run costs only what it returns.
  let count = 0;
  let chunk = 16;
  for (;;) {
    const pos = rev ? start - count : start + count;
    if ((limit >= 0 && count >= limit) || pos < 0 || pos >= n) break;
    let take = Math.min(chunk, rev ? pos + 1 : n - pos);
    if (limit >= 0) take = Math.min(take, limit - count);
    const ms = all !== null ? all : z.slice(rev ? pos - take + 1 : pos, take)[0];
    const base = all !== null ? (rev ? pos - take + 1 : pos) : 0;
    let k = 0;
    for (; k < take; k++) {
      const m = ms[base + (rev ? take - 1 - k : k)];
      if (rev ? !lexGteMin(m, min) : !lexLteMax(m, max)) break;
    }
    count += k;
    if (k < take) break;
    chunk *= 2;
  }
  return [start, count];
}

/**
 * ZLEXCOUNT: a listpack is walked as Redis walks it; a skiplist is counted from the ranks of the
 * first and last members in range, with Redis's arithmetic (an unsigned long, which only odd
 * mixed-score sets can drive below zero).
 */
export function lexCount(z: ZSet, min: LexBound, max: LexBound): number | bigint {
  if (z.dict === null) return lexSpan(z, min, max, false, 0, -1)[1];
  const cmp = cmpLexBounds(min, max);
  const n = z.length;
  if (n === 0 || cmp > 0 || (cmp === 0 && (min.ex || max.ex))) return 0;
  if (!lexGteMin(z.entryAt(n - 1)[0], min) || !lexLteMax(z.entryAt(0)[0], max)) return 0;
  const lo = lexLo(z, min);
  if (lo >= n || !lexLteMax(z.entryAt(lo)[0], max)) return 0;
  let count = n - lo;
  const last = lexHi(z, max) - 1;
  if (last >= 0 && lexGteMin(z.entryAt(last)[0], min)) count -= n - (last + 1);
  return count >= 0 ? count : 2n ** 64n + BigInt(count);
}

/** The listpack thresholds in force. */
export function zlimits(c: Client): ZLimits {
  const cfg = c.server.config;
  return { entries: cfg.getInt('zset-max-listpack-entries'), value: cfg.getInt('zset-max-listpack-value') };
}

/** The zset at key for a read command (keyspace hit/miss stats, keymiss event); WRONGTYPE for other types. */
export function readZ(c: Client, key: string): ZSet | undefined {
  const v = lookupRead(c, key);
  if (v !== undefined && (typeof v === 'string' || v.type !== 'zset')) fail(WRONGTYPE);
  return v as ZSet | undefined;
}

/** The zset at key for a write command (no read stats, as Redis's lookupKeyWrite); WRONGTYPE for other types. */
export function writeZ(c: Client, key: string): ZSet | undefined {
  return c.db.getOf<ZSet>(key, 'zset');
}

/** Stores a zset built by a store command as Redis's setKey: any old value and TTL go; 'new' if the key did not exist. */
export function storeZ(c: Client, key: string, z: ZSet): void {
  const db = c.db;
  const existed = db.get(key) !== undefined;
  db.set(key, z);
  if (!existed) db.notify(NOTIFY.NEW, 'new', key);
}

/** Header of a reply of n elements, each with its score when withscores (RESP2 flat, RESP3 pairs). */
export function rangeHeader(c: Client, n: number, withscores: boolean): void {
  c.out.array(withscores && c.out.protocol === 2 ? n * 2 : n);
}

/** One element of a range reply. */
export function rangeItem(c: Client, m: string, s: number, withscores: boolean): void {
  if (!withscores) {
    c.out.bulk(m);
    return;
  }
  if (c.out.protocol === 3) c.out.array(2);
  c.out.bulk(m);
  c.out.double(s);
}

/**
 * A score as Redis's d2string writes it into a listpack or a ZSCAN reply: integral values within
 * ±2^62 as integers, -0 as "-0", others with %.17g.
 */
export function d2string(d: number): string {
  if (Number.isNaN(d)) return 'nan';
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  if (Number.isInteger(d) && d >= -4611686018427387904 && d <= 4611686018427387904) return BigInt(d).toString();
  return formatG(d, 17);
}
