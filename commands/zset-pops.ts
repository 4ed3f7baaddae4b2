/**
 * Sorted-set pops: ZPOPMIN / ZPOPMAX, ZMPOP, and their blocking forms BZPOPMIN / BZPOPMAX / BZMPOP
 * on the shared blocking machinery (src/blocking.ts): a blocking pop that finds every key empty
 * blocks, and is re-run when ZADD / ZINCRBY / Z*STORE makes one of its keys ready. Reply shapes
 * follow Redis 7.0's genericZpopCommand (flat or nested arrays, key name or not, RESP2 or RESP3).
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { fail, SYNTAX, NOT_POSITIVE } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { parseTimeout } from '../src/blocking';
import { ZSet } from '../src/keyspace/types/zset';
import { parseInteger, isOpt } from './args';
import { writeZ } from './zset-args';

const Z = 'sorted_set';
const MPOP_COMPLEXITY = 'O(K) + O(M*log(N)) where K is the number of provided keys, N being the number of elements in the sorted set, and M being the number of elements popped.';

/** Key positions of ZMPOP (numkeys at 1) and BZMPOP (numkeys at 2). */
function mpopKeys(numkeysIdx: number): (argv: string[]) => number[] {
  return (argv) => {
    const n = parseInteger(argv[numkeysIdx] ?? '');
    const out: number[] = [];
    if (n === null || n < 1 || n > argv.length - numkeysIdx - 1) return out;
    for (let i = 0; i < n; i++) out.push(numkeysIdx + 1 + i);
    return out;
  };
}

const BZPOPMIN = command('bzpopmin', -3, 'write noscript blocking fast', [1, -2, 1], Z, 'Remove and return the member with the lowest score from one or more sorted sets, or block until one is available', (c, a) => bzpop(c, a, BZPOPMIN, false), { since: '5.0.0', complexity: 'O(log(N)) with N being the number of elements in the sorted set.' });
const BZPOPMAX = command('bzpopmax', -3, 'write noscript blocking fast', [1, -2, 1], Z, 'Remove and return the member with the highest score from one or more sorted sets, or block until one is available', (c, a) => bzpop(c, a, BZPOPMAX, true), { since: '5.0.0', complexity: 'O(log(N)) with N being the number of elements in the sorted set.' });
const BZMPOP = command('bzmpop', -5, 'write blocking', [0, 0, 0], Z, 'Remove and return members with scores in a sorted set or block until one is available', (c, a) => zmpopGeneric(c, a, 2), { since: '7.0.0', complexity: MPOP_COMPLEXITY, getKeys: mpopKeys(2) });

export const commands: CommandSpec[] = [
  command('zpopmin', -2, 'write fast', [1, 1, 1], Z, 'Remove and return members with the lowest scores in a sorted set', (c, a) => zpopMinMax(c, a, false), { since: '5.0.0', complexity: 'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.' }),
  command('zpopmax', -2, 'write fast', [1, 1, 1], Z, 'Remove and return members with the highest scores in a sorted set', (c, a) => zpopMinMax(c, a, true), { since: '5.0.0', complexity: 'O(log(N)*M) with N being the number of elements in the sorted set, and M being the number of elements popped.' }),
  BZPOPMIN,
  BZPOPMAX,
  command('zmpop', -4, 'write', [0, 0, 0], Z, 'Remove and return members with scores in a sorted set', (c, a) => zmpopGeneric(c, a, 1), { since: '7.0.0', complexity: MPOP_COMPLEXITY, getKeys: mpopKeys(1) }),
  BZMPOP,
];

/**
 * Redis's genericZpopCommand. Finds the first existing key (WRONGTYPE stops the search), pops up to
 * `count` elements (-1: a single pop) from the min or max end, and writes:
 * flat [m, s, …] (no key, not nested), nested [[m, s], …] (RESP3 ZPOPMIN with COUNT),
 * [key, m, s] (BZPOPMIN), [key, [[m, s], …]] (Z/BZMPOP).
 */
function genericZpop(c: Client, keys: string[], max: boolean, emitKey: boolean, count: number, nested: boolean, nilWhenEmpty: boolean): void {
  let key = '';
  let z: ZSet | undefined;
  for (const k of keys) {
    z = writeZ(c, k);
    if (z !== undefined) {
      key = k;
      break;
    }
  }
  if (z === undefined) {
    if (nilWhenEmpty) c.out.nullArray();
    else c.out.array(0);
    return;
  }
  if (count === 0) return c.out.array(0);
  if (count === -1) count = 1;
  const n = Math.min(count, z.length);
  if (!emitKey) c.out.array(nested ? n : n * 2);
  else if (!nested) {
    c.out.array(n * 2 + 1);
    c.out.bulk(key);
  } else {
    c.out.array(2);
    c.out.bulk(key);
    c.out.array(n);
  }
  for (let i = 0; i < n; i++) {
    const [m, s] = z.pop(max);
    if (nested) c.out.array(2);
    c.out.bulk(m);
    c.out.double(s);
  }
  const db = c.db;
  db.notify(NOTIFY.ZSET, max ? 'zpopmax' : 'zpopmin', key);
  db.modified(key);
  if (db.deleteIfEmpty(key, z)) db.notify(NOTIFY.GENERIC, 'del', key);
}

/** ZPOPMIN / ZPOPMAX key [count]: count must be >= 0; RESP3 nests pairs only when COUNT is given. */
function zpopMinMax(c: Client, argv: string[], max: boolean): void {
  if (argv.length > 3) fail(SYNTAX);
  let count = -1;
  if (argv.length === 3) {
    const v = parseInteger(argv[2]);
    if (v === null || v < 0) fail(NOT_POSITIVE);
    count = v;
  }
  genericZpop(c, [argv[1]], max, false, count, c.out.protocol === 3 && count !== -1, false);
}

/** The timeout reply of every blocking zset pop: a null array (RESP2 *-1, RESP3 _). */
function timedOut(c: Client): void {
  c.out.nullArray();
}

/** BZPOPMIN / BZPOPMAX key [key ...] timeout. */
function bzpop(c: Client, argv: string[], spec: CommandSpec, max: boolean): void {
  blockingZpop(c, argv, spec, argv.slice(1, -1), max, argv.length - 1, -1, false, false);
}

/**
 * Redis's blockingGenericZpopCommand: the timeout is validated first, then the first non-empty key
 * is popped as its non-blocking form with the key name; if every key is missing the client blocks
 * (inside MULTI it gets the timeout reply at once). While the server re-runs a blocked client, it
 * pops only from the key that became ready, as Redis serves a client from the ready key.
 */
function blockingZpop(c: Client, argv: string[], spec: CommandSpec, keys: string[], max: boolean, timeoutIdx: number, count: number, nested: boolean, nilWhenEmpty: boolean): void {
  const deadline = parseTimeout(argv[timeoutIdx], c.server.clock.now());
  const serving = c.server.blocking.servingKey(c);
  for (const key of serving !== null ? [serving] : keys) {
    const z = writeZ(c, key);
    if (z === undefined || z.length === 0) continue;
    genericZpop(c, [key], max, true, count, nested, nilWhenEmpty);
    return;
  }
  if (!c.server.blocking.block(c, spec, argv, keys, deadline, timedOut)) c.out.nullArray();
}

/** ZMPOP numkeys key [key ...] MIN|MAX [COUNT count], and BZMPOP timeout numkeys … (numkeys at 2). */
function zmpopGeneric(c: Client, argv: string[], numkeysIdx: number): void {
  const numkeys = parseInteger(argv[numkeysIdx]);
  if (numkeys === null || numkeys < 1) fail('ERR numkeys should be greater than 0');
  const whereIdx = numkeysIdx + numkeys + 1;
  if (whereIdx >= argv.length) fail(SYNTAX);
  let max: boolean;
  if (isOpt(argv[whereIdx], 'min')) max = false;
  else if (isOpt(argv[whereIdx], 'max')) max = true;
  else fail(SYNTAX);
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    if (count === -1 && more !== 0 && isOpt(argv[j], 'count')) {
      const v = parseInteger(argv[++j]);
      if (v === null || v < 1) fail('ERR count should be greater than 0');
      count = v;
    } else {
      fail(SYNTAX);
    }
  }
  if (count === -1) count = 1;
  const keys = argv.slice(numkeysIdx + 1, whereIdx);
  if (numkeysIdx === 2) blockingZpop(c, argv, BZMPOP, keys, max, 1, count, true, true);
  else genericZpop(c, keys, max, true, count, true, true);
}
