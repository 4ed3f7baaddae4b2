/**
 * Sorted-set ranges: ZRANGE (BYSCORE / BYLEX / REV / LIMIT / WITHSCORES), ZRANGESTORE, the older
 * ZREVRANGE / Z[REV]RANGEBYSCORE / Z[REV]RANGEBYLEX, and ZREMRANGEBYRANK / BYSCORE / BYLEX. Every
 * range becomes a rank interval through the tree's counts (O(log n)), then a walk along the leaves,
 * so a LIMIT page costs O(log n + page) however deep it starts.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { fail, SYNTAX } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { ZSet } from '../src/keyspace/types/zset';
import { intArg, isOpt } from './args';
import { readZ, writeZ, storeZ, zlimits, parseScoreRange, scoreLo, scoreHi, parseLexRange, lexSpan, rangeHeader, rangeItem } from './zset-args';

const Z = 'sorted_set';
const RANGE_COMPLEXITY = 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements returned.';
const LIMIT_COMPLEXITY = 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements being returned. If M is constant (e.g. always asking for the first 10 elements with LIMIT), you can consider it O(log(N)).';
const REM_COMPLEXITY = 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements removed by the operation.';

export const commands: CommandSpec[] = [
  command('zrange', -4, 'readonly', [1, 1, 1], Z, 'Return a range of members in a sorted set', (c, a) => zrangeGeneric(c, a, 1, false, T_AUTO, D_AUTO), { since: '1.2.0', complexity: RANGE_COMPLEXITY }),
  command('zrangestore', -5, 'write denyoom', [1, 2, 1], Z, 'Store a range of members from sorted set into another key', (c, a) => zrangeGeneric(c, a, 2, true, T_AUTO, D_AUTO), { since: '6.2.0', complexity: 'O(log(N)+M) with N being the number of elements in the sorted set and M the number of elements stored into the destination key.' }),
  command('zrevrange', -4, 'readonly', [1, 1, 1], Z, 'Return a range of members in a sorted set, by index, with scores ordered from high to low', (c, a) => zrangeGeneric(c, a, 1, false, T_RANK, D_REV), { since: '1.2.0', complexity: RANGE_COMPLEXITY }),
  command('zrangebyscore', -4, 'readonly', [1, 1, 1], Z, 'Return a range of members in a sorted set, by score', (c, a) => zrangeGeneric(c, a, 1, false, T_SCORE, D_FWD), { since: '1.0.5', complexity: LIMIT_COMPLEXITY }),
  command('zrevrangebyscore', -4, 'readonly', [1, 1, 1], Z, 'Return a range of members in a sorted set, by score, with scores ordered from high to low', (c, a) => zrangeGeneric(c, a, 1, false, T_SCORE, D_REV), { since: '2.2.0', complexity: LIMIT_COMPLEXITY }),
  command('zrangebylex', -4, 'readonly', [1, 1, 1], Z, 'Return a range of members in a sorted set, by lexicographical range', (c, a) => zrangeGeneric(c, a, 1, false, T_LEX, D_FWD), { since: '2.8.9', complexity: LIMIT_COMPLEXITY }),
  command('zrevrangebylex', -4, 'readonly', [1, 1, 1], Z, 'Return a range of members in a sorted set, by lexicographical range, ordered from higher to lower strings.', (c, a) => zrangeGeneric(c, a, 1, false, T_LEX, D_REV), { since: '2.8.9', complexity: LIMIT_COMPLEXITY }),
  command('zremrangebyrank', 4, 'write', [1, 1, 1], Z, 'Remove all members in a sorted set within the given indexes', (c, a) => zremrangeGeneric(c, a, T_RANK), { since: '2.0.0', complexity: REM_COMPLEXITY }),
  command('zremrangebyscore', 4, 'write', [1, 1, 1], Z, 'Remove all members in a sorted set within the given scores', (c, a) => zremrangeGeneric(c, a, T_SCORE), { since: '1.2.0', complexity: REM_COMPLEXITY }),
  command('zremrangebylex', 4, 'write', [1, 1, 1], Z, 'Remove all members in a sorted set between the given lexicographical range', (c, a) => zremrangeGeneric(c, a, T_LEX), { since: '2.8.9', complexity: REM_COMPLEXITY }),
];

/** Range kinds and directions; AUTO means "ZRANGE / ZRANGESTORE may still pick by option". */
const T_AUTO = 0;
const T_RANK = 1;
const T_SCORE = 2;
const T_LEX = 3;
const D_AUTO = 0;
const D_FWD = 1;
const D_REV = 2;

/** A rank interval to emit: `n` elements from rank `first`, walking backward when `rev`. */
interface Span {
  first: number;
  n: number;
  rev: boolean;
}

const EMPTY: Span = { first: 0, n: 0, rev: false };

/**
 * Redis's zrangeGenericCommand: options (WITHSCORES, LIMIT, REV, BYLEX, BYSCORE) in any order and
 * validated as they come, then the conflicts, then the range arguments, then the key.
 */
function zrangeGeneric(c: Client, argv: string[], start: number, store: boolean, type: number, dir: number): void {
  let withscores = false;
  let offset = 0;
  let limit = -1;
  for (let j = start + 3; j < argv.length; j++) {
    const left = argv.length - j - 1;
    const a = argv[j];
    if (!store && isOpt(a, 'withscores')) withscores = true;
    else if (left >= 2 && isOpt(a, 'limit')) {
      offset = intArg(argv[j + 1]);
      limit = intArg(argv[j + 2]);
      j += 2;
    } else if (dir === D_AUTO && isOpt(a, 'rev')) dir = D_REV;
    else if (type === T_AUTO && isOpt(a, 'bylex')) type = T_LEX;
    else if (type === T_AUTO && isOpt(a, 'byscore')) type = T_SCORE;
    else fail(SYNTAX);
  }
  if (dir === D_AUTO) dir = D_FWD;
  if (type === T_AUTO) type = T_RANK;
  // Redis checks the value, not the presence: LIMIT x -1 passes with a rank range.
  if (limit !== -1 && type === T_RANK) fail('ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX');
  if (withscores && type === T_LEX) fail('ERR syntax error, WITHSCORES not supported in combination with BYLEX');
  const rev = dir === D_REV;
  // Score and lex ranges are given max first when reversed.
  const minArg = rev && type !== T_RANK ? argv[start + 2] : argv[start + 1];
  const maxArg = rev && type !== T_RANK ? argv[start + 1] : argv[start + 2];
  let rs = 0;
  let re = 0;
  let scoreRange = null;
  let lexRange = null;
  if (type === T_RANK) {
    rs = intArg(minArg);
    re = intArg(maxArg);
  } else if (type === T_SCORE) scoreRange = parseScoreRange(minArg, maxArg);
  else lexRange = parseLexRange(minArg, maxArg);

  const z = readZ(c, argv[start]);
  let span = EMPTY;
  if (z !== undefined) {
    if (type === T_RANK) span = rankSpan(z.length, rs, re, rev);
    else if (scoreRange !== null) span = boundSpan(scoreLo(z, scoreRange), scoreHi(z, scoreRange), offset, limit, rev);
    else {
      const [first, n] = lexSpan(z, lexRange![0], lexRange![1], rev, offset, limit);
      span = n === 0 ? EMPTY : { first, n, rev };
    }
  }
  if (store) storeSpan(c, argv[1], z, span);
  else if (z === undefined) c.out.array(0);
  else emitSpan(c, z, span, withscores);
}

/** Rank range after Redis's index sanitizing (negatives from the end, clamped). */
function rankSpan(llen: number, start: number, end: number, rev: boolean): Span {
  if (start < 0) start = llen + start;
  if (end < 0) end = llen + end;
  if (start < 0) start = 0;
  if (start > end || start >= llen) return EMPTY;
  if (end >= llen) end = llen - 1;
  const n = end - start + 1;
  return rev ? { first: llen - 1 - start, n, rev } : { first: start, n, rev };
}

/**
 * The part of the rank interval [lo, hi) that LIMIT offset count selects. A negative offset walks
 * off the end in Redis (empty); a negative count means no limit.
 */
function boundSpan(lo: number, hi: number, offset: number, limit: number, rev: boolean): Span {
  if (hi <= lo || offset < 0) return EMPTY;
  let n = hi - lo - offset;
  if (n <= 0) return EMPTY;
  if (limit >= 0 && limit < n) n = limit;
  return { first: rev ? hi - 1 - offset : lo + offset, n, rev };
}

/** Writes the elements of a span. */
function emitSpan(c: Client, z: ZSet, span: Span, withscores: boolean): void {
  rangeHeader(c, span.n, withscores);
  if (span.n === 0) return;
  const [ms, ss] = collectSpan(z, span);
  if (span.rev) for (let i = span.n - 1; i >= 0; i--) rangeItem(c, ms[i], ss[i], withscores);
  else for (let i = 0; i < span.n; i++) rangeItem(c, ms[i], ss[i], withscores);
}

/** Lowest rank of a span. */
function spanStart(span: Span): number {
  return span.rev ? span.first - span.n + 1 : span.first;
}

/** The elements of a span in ascending order as parallel arrays. */
function collectSpan(z: ZSet, span: Span): [string[], number[]] {
  return z.slice(spanStart(span), span.n);
}

/**
 * ZRANGESTORE's result: the destination is overwritten (any type, TTL dropped) with the range, or
 * deleted when the range is empty, with `zrangestore` or `del` events as Redis emits them.
 */
function storeSpan(c: Client, dst: string, z: ZSet | undefined, span: Span): void {
  const db = c.db;
  if (z === undefined || span.n === 0) {
    c.out.int(0);
    if (db.delete(dst)) db.notify(NOTIFY.GENERIC, 'del', dst);
    return;
  }
  const [ms, ss] = collectSpan(z, span);
  storeZ(c, dst, ZSet.fromSorted(ms, ss, zlimits(c)));
  c.out.int(span.n);
  db.notify(NOTIFY.ZSET, 'zrangestore', dst);
  db.signalReady(dst);
}

const REM_EVENTS = ['', 'zremrangebyrank', 'zremrangebyscore', 'zremrangebylex'];

/** ZREMRANGEBYRANK / BYSCORE / BYLEX: range parsed first, then the key; deletes the key once empty. */
function zremrangeGeneric(c: Client, argv: string[], type: number): void {
  let rs = 0;
  let re = 0;
  let scoreRange = null;
  let lexRange = null;
  if (type === T_RANK) {
    rs = intArg(argv[2]);
    re = intArg(argv[3]);
  } else if (type === T_SCORE) scoreRange = parseScoreRange(argv[2], argv[3]);
  else lexRange = parseLexRange(argv[2], argv[3]);
  const key = argv[1];
  const z = writeZ(c, key);
  if (z === undefined) return c.out.int(0);
  let span: Span;
  if (type === T_RANK) span = rankSpan(z.length, rs, re, false);
  else if (scoreRange !== null) span = boundSpan(scoreLo(z, scoreRange), scoreHi(z, scoreRange), 0, -1, false);
  else {
    const [first, n] = lexSpan(z, lexRange![0], lexRange![1], false, 0, -1, true);
    span = n === 0 ? EMPTY : { first, n, rev: false };
  }
  if (span.n === 0) return c.out.int(0);
  z.deleteRange(spanStart(span), span.n);
  const db = c.db;
  db.modified(key);
  db.notify(NOTIFY.ZSET, REM_EVENTS[type], key);
  if (db.deleteIfEmpty(key, z)) db.notify(NOTIFY.GENERIC, 'del', key);
  c.out.int(span.n);
}
