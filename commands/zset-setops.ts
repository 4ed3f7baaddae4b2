/**
 * Sorted-set algebra, as Redis 7.0's zunionInterDiffGenericCommand: ZUNION, ZINTER, ZDIFF, their
 * STORE forms and ZINTERCARD, with WEIGHTS and AGGREGATE SUM|MIN|MAX. Plain sets are accepted as
 * inputs with every member scored 1. Inputs are visited smallest first (a stable sort by size, as
 * Redis's qsort) so floating-point sums add up in Redis's order; weight * score NaN (inf * 0) counts
 * as 0 and so does a SUM of +inf and -inf.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { fail, SYNTAX, WRONGTYPE } from '../src/errors';
import { NOTIFY } from '../src/notify';
import type { RSet } from '../src/keyspace/types/set';
import { ZSet, sortedOrder } from '../src/keyspace/types/zset';
import { intArg, isOpt, parseInteger } from './args';
import { lookupRead } from './strings';
import { scoreArg, storeZ, zlimits, rangeHeader, rangeItem } from './zset-args';

const Z = 'sorted_set';
const UNION = 0;
const INTER = 1;
const DIFF = 2;
const SUM = 0;
const MIN = 1;
const MAX = 2;

/** Keys of ZUNION / ZINTER / ZDIFF / ZINTERCARD (numkeys at 1). */
function readKeys(argv: string[]): number[] {
  return numkeyed(argv, 1, []);
}

/** Keys of the STORE forms: the destination, then numkeys (at 2) source keys. */
function storeKeys(argv: string[]): number[] {
  return numkeyed(argv, 2, [1]);
}

/** numkeys keys after argv[idx]; none at all when numkeys is invalid, as Redis's *GetKeys. */
function numkeyed(argv: string[], idx: number, out: number[]): number[] {
  const n = parseInteger(argv[idx] ?? '');
  if (n === null || n < 1 || n > argv.length - idx - 1) return [];
  for (let i = 0; i < n; i++) out.push(idx + 1 + i);
  return out;
}

const UNION_COMPLEXITY = 'O(N)+O(M*log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.';
const INTER_COMPLEXITY = 'O(N*K)+O(M*log(M)) worst case with N being the smallest input sorted set, K being the number of input sorted sets and M being the number of elements in the resulting sorted set.';
const DIFF_COMPLEXITY = 'O(L + (N-K)log(N)) worst case where L is the total number of elements in all the sets, N is the size of the first set, and K is the size of the result set.';

export const commands: CommandSpec[] = [
  command('zunion', -3, 'readonly', [0, 0, 0], Z, 'Add multiple sorted sets', (c, a) => zsetop(c, a, null, 1, UNION, false), { since: '6.2.0', complexity: UNION_COMPLEXITY, getKeys: readKeys }),
  command('zinter', -3, 'readonly', [0, 0, 0], Z, 'Intersect multiple sorted sets', (c, a) => zsetop(c, a, null, 1, INTER, false), { since: '6.2.0', complexity: INTER_COMPLEXITY, getKeys: readKeys }),
  command('zdiff', -3, 'readonly', [0, 0, 0], Z, 'Subtract multiple sorted sets', (c, a) => zsetop(c, a, null, 1, DIFF, false), { since: '6.2.0', complexity: DIFF_COMPLEXITY, getKeys: readKeys }),
  command('zunionstore', -4, 'write denyoom', [1, 1, 1], Z, 'Add multiple sorted sets and store the resulting sorted set in a new key', (c, a) => zsetop(c, a, a[1], 2, UNION, false), { since: '2.0.0', complexity: 'O(N)+O(M log(M)) with N being the sum of the sizes of the input sorted sets, and M being the number of elements in the resulting sorted set.', getKeys: storeKeys }),
  command('zinterstore', -4, 'write denyoom', [1, 1, 1], Z, 'Intersect multiple sorted sets and store the resulting sorted set in a new key', (c, a) => zsetop(c, a, a[1], 2, INTER, false), { since: '2.0.0', complexity: INTER_COMPLEXITY, getKeys: storeKeys }),
  command('zdiffstore', -4, 'write denyoom', [1, 1, 1], Z, 'Subtract multiple sorted sets and store the resulting sorted set in a new key', (c, a) => zsetop(c, a, a[1], 2, DIFF, false), { since: '6.2.0', complexity: DIFF_COMPLEXITY, getKeys: storeKeys }),
  command('zintercard', -3, 'readonly', [0, 0, 0], Z, 'Intersect multiple sorted sets and return the cardinality of the result', (c, a) => zsetop(c, a, null, 1, INTER, true), { since: '7.0.0', complexity: 'O(N*K) worst case with N being the smallest input sorted set, K being the number of input sorted sets.', getKeys: readKeys }),
];

/** One input: a zset, a plain set, or nothing (a missing key is an empty input), and its weight. */
interface Src {
  z: ZSet | null;
  s: RSet | null;
  weight: number;
  size: number;
}

/** The score of m in an input (1 for a set member), or undefined. */
function find(src: Src, m: string): number | undefined {
  if (src.z !== null) return src.z.score(m);
  if (src.s !== null) return src.s.has(m) ? 1 : undefined;
  return undefined;
}

/** Calls fn for every element of an input in its own order. */
function each(src: Src, fn: (m: string, s: number) => void): void {
  if (src.z !== null) {
    for (const [m, s] of src.z.entries()) fn(m, s);
  } else if (src.s !== null) {
    const set = src.s;
    const n = set.size();
    for (let i = 0; i < n; i++) fn(set.at(i), 1);
  }
}

/** Redis's zunionInterAggregate. */
function aggregate(target: number, val: number, agg: number): number {
  if (agg === SUM) {
    const t = target + val;
    return Number.isNaN(t) ? 0 : t;
  }
  if (agg === MIN) return val < target ? val : target;
  return val > target ? val : target;
}

/**
 * Redis's zunionInterDiffGenericCommand: numkeys, the keys (type-checked as they are looked up),
 * then WEIGHTS / AGGREGATE (not for ZDIFF or ZINTERCARD), WITHSCORES (not for STORE forms), LIMIT
 * (ZINTERCARD only).
 */
function zsetop(c: Client, argv: string[], dst: string | null, numkeysIdx: number, op: number, cardOnly: boolean): void {
  const setnum = intArg(argv[numkeysIdx]);
  if (setnum < 1) fail(`ERR at least 1 input key is needed for '${argv[0].toLowerCase()}' command`);
  if (setnum > argv.length - (numkeysIdx + 1)) fail(SYNTAX);
  const srcs: Src[] = new Array(setnum);
  let j = numkeysIdx + 1;
  for (let i = 0; i < setnum; i++, j++) {
    const v = lookupRead(c, argv[j]);
    const src: Src = { z: null, s: null, weight: 1, size: 0 };
    if (v !== undefined) {
      if (typeof v === 'string' || (v.type !== 'zset' && v.type !== 'set')) fail(WRONGTYPE);
      if (v.type === 'zset') src.z = v as ZSet;
      else src.s = v as RSet;
      src.size = v.size();
    }
    srcs[i] = src;
  }
  let agg = SUM;
  let withscores = false;
  let limit = 0;
  while (j < argv.length) {
    const remaining = argv.length - j;
    const a = argv[j];
    if (op !== DIFF && !cardOnly && remaining >= setnum + 1 && isOpt(a, 'weights')) {
      j++;
      for (let i = 0; i < setnum; i++, j++) srcs[i].weight = scoreArg(argv[j], 'ERR weight value is not a float');
    } else if (op !== DIFF && !cardOnly && remaining >= 2 && isOpt(a, 'aggregate')) {
      const w = argv[j + 1];
      if (isOpt(w, 'sum')) agg = SUM;
      else if (isOpt(w, 'min')) agg = MIN;
      else if (isOpt(w, 'max')) agg = MAX;
      else fail(SYNTAX);
      j += 2;
    } else if (dst === null && !cardOnly && isOpt(a, 'withscores')) {
      withscores = true;
      j++;
    } else if (cardOnly && remaining >= 2 && isOpt(a, 'limit')) {
      const l = parseInteger(argv[j + 1]);
      if (l === null || l < 0) fail("ERR LIMIT can't be negative");
      limit = l;
      j += 2;
    } else {
      fail(SYNTAX);
    }
  }
  if (op !== DIFF) srcs.sort((x, y) => x.size - y.size);

  const ms: string[] = [];
  const ss: number[] = [];
  let card = 0;
  if (op === INTER) {
    const first = srcs[0];
    if (first.size > 0) {
      const w0 = first.weight;
      each(first, (m, s0) => {
        if (limit !== 0 && card >= limit) return;
        let score = w0 * s0;
        if (Number.isNaN(score)) score = 0;
        for (let k = 1; k < srcs.length; k++) {
          const v = find(srcs[k], m);
          if (v === undefined) return;
          score = aggregate(score, v * srcs[k].weight, agg);
        }
        if (cardOnly) card++;
        else {
          ms.push(m);
          ss.push(score);
        }
      });
    }
  } else if (op === UNION) {
    const acc = new Map<string, number>();
    for (const src of srcs) {
      if (src.size === 0) continue;
      const w = src.weight;
      each(src, (m, s) => {
        let score = w * s;
        if (Number.isNaN(score)) score = 0;
        const prev = acc.get(m);
        acc.set(m, prev === undefined ? score : aggregate(prev, score, agg));
      });
    }
    for (const [m, s] of acc) {
      ms.push(m);
      ss.push(s);
    }
  } else if (srcs[0].size > 0) {
    each(srcs[0], (m, s) => {
      for (let k = 1; k < srcs.length; k++) if (find(srcs[k], m) !== undefined) return;
      ms.push(m);
      ss.push(s);
    });
  }

  if (cardOnly) return c.out.int(card);
  const order = sortedOrder(ms, ss);
  const n = order.length;
  if (dst !== null) {
    const db = c.db;
    if (n === 0) {
      c.out.int(0);
      if (db.delete(dst)) db.notify(NOTIFY.GENERIC, 'del', dst);
      return;
    }
    const sm = new Array<string>(n);
    const sv = new Array<number>(n);
    for (let i = 0; i < n; i++) {
      sm[i] = ms[order[i]];
      sv[i] = ss[order[i]];
    }
    storeZ(c, dst, ZSet.fromSorted(sm, sv, zlimits(c)));
    c.out.int(n);
    db.notify(NOTIFY.ZSET, op === UNION ? 'zunionstore' : op === INTER ? 'zinterstore' : 'zdiffstore', dst);
    db.signalReady(dst);
    return;
  }
  rangeHeader(c, n, withscores);
  for (let i = 0; i < n; i++) rangeItem(c, ms[order[i]], ss[order[i]], withscores);
}
