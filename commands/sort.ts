/**
 * SORT and SORT_RO, after Redis 7.0's sort.c: the source (list, set or zset) is loaded into a vector,
 * scored (numerically with strtod, or ALPHA), sorted, then sliced by LIMIT and projected through
 * GET patterns. BY patterns and GET patterns look keys up with `*` replaced by the element.
 */
import Denque from 'denque';
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { fail, SYNTAX, WRONGTYPE } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { ListValue } from '../src/keyspace/types/list';
import type { RSet } from '../src/keyspace/types/set';
import type { ZSet } from '../src/keyspace/types/zset';
import type { Hash } from '../src/keyspace/types/hash';
import { intArg, isOpt } from './args';
import { lookupRead } from './strings';

const G = 'generic';
const COMPLEXITY = 'O(N+M*log(M)) where N is the number of elements in the list or set to sort, and M the number of returned elements. When the elements are not sorted, complexity is O(N).';

export const commands: CommandSpec[] = [
  /** Sorts a list, set or zset, optionally storing the result as a list. */
  command('sort', -2, 'write denyoom', [1, 1, 1], G, 'Sort the elements in a list, set or sorted set', (c, a) => sortGeneric(c, a, false), { complexity: COMPLEXITY, getKeys: sortGetKeys }),
  /** SORT without STORE: a read-only command. */
  command('sort_ro', -2, 'readonly', [1, 1, 1], G, 'Sort the elements in a list, set or sorted set. Read-only variant of SORT.', (c, a) => sortGeneric(c, a, true), { complexity: COMPLEXITY, since: '7.0.0', getKeys: () => [1] }),
];

const CONVERT_ERROR = "ERR One or more scores can't be converted into double";

/** One element being sorted: its value, its numeric score and its ALPHA BY value (null when missing). */
interface SortItem {
  obj: string;
  score: number;
  cmp: string | null;
}

/**
 * Redis's sortGetKeys: the sorted key and the last STORE destination. Options are skipped by their
 * argument counts (LIMIT 2, GET 1, BY 1) without validation, exactly as Redis scans them.
 */
function sortGetKeys(argv: string[]): number[] {
  let store = -1;
  for (let i = 2; i < argv.length; i++) {
    const a = argv[i].toLowerCase();
    if (a === 'limit') i += 2;
    else if (a === 'get' || a === 'by') i += 1;
    else if (a === 'store' && i + 1 < argv.length) store = i + 1;
  }
  return store < 0 ? [1] : [1, store];
}

/** The C-string view of s: Redis's strchr/strstr/strcoll stop at the first NUL byte. */
function cstr(s: string): string {
  const nul = s.indexOf('\0');
  return nul < 0 ? s : s.slice(0, nul);
}

/**
 * Redis's lookupKeyByPattern: `#` is the element itself; otherwise the first `*` is replaced by the
 * element and the key read (a string, or a hash field after `->`). Undefined when anything is missing.
 */
function lookupByPattern(c: Client, pattern: string, subst: string): string | undefined {
  if (pattern[0] === '#' && (pattern.length === 1 || pattern[1] === '\0')) return subst;
  const spat = cstr(pattern);
  const p = spat.indexOf('*');
  if (p < 0) return undefined;
  const f = spat.indexOf('->', p + 1);
  // A trailing "->" (nothing after it before the C string ends) is part of the key name.
  const hasField = f >= 0 && f + 2 < spat.length;
  const keyEnd = hasField ? f : pattern.length;
  const key = pattern.slice(0, p) + subst + pattern.slice(p + 1, keyEnd);
  const o = lookupRead(c, key);
  if (o === undefined) return undefined;
  if (hasField) {
    if (typeof o === 'string' || o.type !== 'hash') return undefined;
    return (o as Hash).get(pattern.slice(f + 2));
  }
  return typeof o === 'string' ? o : undefined;
}

/** glibc strtod's accepted syntax (after leading isspace), anchored so trailing garbage is rejected. */
const STRTOD_RE = /^[ \t\n\v\f\r]*[+-]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][+-]?\d+)?|[iI][nN][fF](?:[iI][nN][iI][tT][yY])?|[nN][aA][nN](?:\([0-9A-Za-z_]*\))?)$/;
const HEX_RE = /^([+-]?)0[xX]([0-9a-fA-F]*)\.?([0-9a-fA-F]*)(?:[pP]([+-]?\d+))?$/;
const DBL_MIN = 2.2250738585072014e-308;

/**
 * The score Redis's SORT reads with strtod: the whole C string must be consumed (the empty string is
 * 0), and NaN, overflow and underflow (ERANGE, subnormals included) are errors (null).
 */
export function sortScore(value: string): number | null {
  const s = cstr(value);
  if (s.length === 0) return 0;
  if (s.length > 5000 || !STRTOD_RE.test(s)) return null;
  const t = s.trimStart();
  const body = t[0] === '+' || t[0] === '-' ? t.slice(1) : t;
  const lower = body.toLowerCase();
  if (lower.startsWith('nan')) return null;
  if (lower.startsWith('inf')) return t[0] === '-' ? -Infinity : Infinity;
  let v: number;
  let nonzero: boolean;
  if (lower.startsWith('0x')) {
    const m = HEX_RE.exec(t)!;
    const digits = m[2] + m[3];
    nonzero = /[1-9a-fA-F]/.test(digits);
    const exp = (m[4] === undefined ? 0 : Number(m[4])) - 4 * m[3].length;
    // Exact mantissa, then one scaling step: right except for extreme exponents near the limits.
    v = Number(BigInt('0x' + (digits || '0'))) * Math.pow(2, exp);
    if (m[1] === '-') v = -v;
  } else {
    v = Number(t.trim());
    nonzero = /[1-9]/.test(body.split(/[eE]/)[0]);
  }
  if (!Number.isFinite(v)) return null;
  if (nonzero && Math.abs(v) < DBL_MIN) return null;
  return v;
}

/** Byte-wise comparison of latin1 strings (memcmp, then length), as compareStringObjects. */
function binCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** strcoll in the C / C.UTF-8 locale: strcmp, which stops at the first NUL. */
function collCompare(a: string, b: string): number {
  return binCompare(cstr(a), cstr(b));
}

/** SORT / SORT_RO: parses the options, loads and sorts the vector, then replies or stores. */
function sortGeneric(c: Client, argv: string[], readonly: boolean): void {
  let desc = false;
  let alpha = false;
  let limitStart = 0;
  let limitCount = -1;
  let dontsort = false;
  let sortBy: string | null = null;
  let storeKey: string | null = null;
  const gets: string[] = [];
  for (let j = 2; j < argv.length; j++) {
    const a = argv[j];
    const left = argv.length - j - 1;
    if (isOpt(a, 'asc')) desc = false;
    else if (isOpt(a, 'desc')) desc = true;
    else if (isOpt(a, 'alpha')) alpha = true;
    else if (isOpt(a, 'limit') && left >= 2) {
      limitStart = intArg(argv[j + 1]);
      limitCount = intArg(argv[j + 2]);
      j += 2;
    } else if (!readonly && isOpt(a, 'store') && left >= 1) {
      storeKey = argv[++j];
    } else if (isOpt(a, 'by') && left >= 1) {
      sortBy = argv[++j];
      // Redis never clears dontsort once a BY without `*` was seen.
      if (cstr(sortBy).indexOf('*') < 0) dontsort = true;
    } else if (isOpt(a, 'get') && left >= 1) {
      gets.push(argv[++j]);
    } else {
      fail(SYNTAX);
    }
  }

  const src = lookupRead(c, argv[1]);
  if (src !== undefined && (typeof src === 'string' || (src.type !== 'list' && src.type !== 'set' && src.type !== 'zset'))) fail(WRONGTYPE);
  const type = src === undefined ? 'list' : (src as ListValue | RSet | ZSet).type;
  // A set has no order of its own: for STORE Redis forces an ALPHA sort so replicas agree.
  if (dontsort && type === 'set' && storeKey !== null) {
    dontsort = false;
    alpha = true;
    sortBy = null;
  }
  // Redis converts a listpack zset to a skiplist for SORT, and it stays one.
  if (type === 'zset') (src as ZSet).convert();

  const len = src === undefined ? 0 : (src as ListValue | RSet | ZSet).size();
  let start = limitStart < 0 ? 0 : limitStart;
  let end = limitCount < 0 ? len - 1 : start + limitCount - 1;
  if (start >= len) {
    start = len - 1;
    end = len - 2;
  }
  if (end >= len) end = len - 1;

  const vector: SortItem[] = [];
  const push = (obj: string): void => {
    vector.push({ obj, score: 0, cmp: null });
  };
  if (type === 'list' && dontsort) {
    // The list's own order (reversed for DESC), with LIMIT applied while loading.
    if (end >= start && src !== undefined) {
      const items = (src as ListValue).items;
      const n = end - start + 1;
      if (desc) for (let i = len - start - 1, k = 0; k < n && i >= 0; i--, k++) push(items.peekAt(i) as string);
      else for (let i = start, k = 0; k < n && i < len; i++, k++) push(items.peekAt(i) as string);
      end -= start;
      start = 0;
    }
  } else if (type === 'list') {
    if (src !== undefined) {
      const items = (src as ListValue).items as Denque<string>;
      for (let i = 0; i < len; i++) push(items.peekAt(i) as string);
    }
  } else if (type === 'set') {
    const it = (src as RSet).iterate();
    for (let r = it.next(); !r.done; r = it.next()) push(r.value);
  } else if (dontsort) {
    // A zset's own order (by score), reversed for DESC, with LIMIT applied while loading.
    const n = end - start + 1;
    if (n > 0) {
      const z = src as ZSet;
      const [ms] = desc ? z.slice(len - start - n, n) : z.slice(start, n);
      if (desc) ms.reverse();
      for (const m of ms) push(m);
    }
    end -= start;
    start = 0;
  } else {
    for (const [m] of (src as ZSet).entries()) push(m);
  }

  let convertError = false;
  if (!dontsort) {
    for (const item of vector) {
      const byval = sortBy !== null ? lookupByPattern(c, sortBy, item.obj) : item.obj;
      if (byval === undefined) continue;
      if (alpha) {
        if (sortBy !== null) item.cmp = byval;
      } else {
        const s = sortScore(byval);
        if (s === null) convertError = true;
        else item.score = s;
      }
    }
    const store = storeKey !== null;
    const sign = desc ? -1 : 1;
    let cmp: (a: SortItem, b: SortItem) => number;
    if (!alpha) {
      cmp = (a, b) => sign * (a.score > b.score ? 1 : a.score < b.score ? -1 : binCompare(a.obj, b.obj));
    } else if (sortBy !== null) {
      cmp = (a, b) => {
        if (a.cmp === null || b.cmp === null) return sign * (a.cmp === b.cmp ? 0 : a.cmp === null ? -1 : 1);
        return sign * (store ? binCompare(a.cmp, b.cmp) : collCompare(a.cmp, b.cmp));
      };
    } else {
      cmp = (a, b) => sign * (store ? binCompare(a.obj, b.obj) : collCompare(a.obj, b.obj));
    }
    // glibc's qsort is a stable merge sort here, as is Array.prototype.sort.
    vector.sort(cmp);
  }

  const count = Math.max(0, end - start + 1);
  const outputlen = gets.length > 0 ? gets.length * count : count;
  if (convertError) {
    c.out.error(CONVERT_ERROR);
    return;
  }
  if (storeKey === null) {
    c.out.array(outputlen);
    for (let j = start; j <= end; j++) {
      const obj = vector[j].obj;
      if (gets.length === 0) c.out.bulk(obj);
      for (const g of gets) c.out.bulkOrNull(lookupByPattern(c, g, obj) ?? null);
    }
    return;
  }
  const out = new Denque<string>();
  for (let j = start; j <= end; j++) {
    const obj = vector[j].obj;
    if (gets.length === 0) out.push(obj);
    for (const g of gets) out.push(lookupByPattern(c, g, obj) ?? '');
  }
  const db = c.db;
  if (outputlen > 0) {
    const existed = db.get(storeKey) !== undefined;
    db.set(storeKey, new ListValue(out));
    if (!existed) db.notify(NOTIFY.NEW, 'new', storeKey);
    db.notify(NOTIFY.LIST, 'sortstore', storeKey);
    db.signalReady(storeKey);
  } else if (db.delete(storeKey)) {
    db.notify(NOTIFY.GENERIC, 'del', storeKey);
  }
  c.out.int(outputlen);
}
