/**
 * Sorted-set commands: writes (ZADD, ZINCRBY, ZREM), point reads (ZCARD, ZSCORE, ZMSCORE, ZRANK,
 * ZREVRANK, ZCOUNT, ZLEXCOUNT), ZRANDMEMBER and ZSCAN. Ranges and range removals live in
 * zset-ranges.ts, pops in zset-pops.ts, set algebra in zset-setops.ts; their tables are appended
 * here so the family is one entry in commands/index.ts.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { fail, NAN_SCORE, SYNTAX, NOT_INTEGER } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { scanStep } from '../src/scan';
import { ZSet } from '../src/keyspace/types/zset';
import { parseInt64, isOpt } from './args';
import { parseCursor, parseScanOptions, replyEmptyScan, replyScan, randomIndex, sample } from './collutil';
import { scoreArg, readZ, writeZ, zlimits, parseScoreRange, scoreLo, scoreHi, parseLexRange, lexCount, rangeHeader, rangeItem, d2string } from './zset-args';
import { commands as ranges } from './zset-ranges';
import { commands as pops } from './zset-pops';
import { commands as setops } from './zset-setops';

const Z = 'sorted_set';

export const commands: CommandSpec[] = [
  command('zadd', -4, 'write denyoom fast', [1, 1, 1], Z, 'Add one or more members to a sorted set, or update its score if it already exists', zaddCommand, { since: '1.2.0', complexity: 'O(log(N)) for each item added, where N is the number of elements in the sorted set.' }),
  command('zincrby', 4, 'write denyoom fast', [1, 1, 1], Z, 'Increment the score of a member in a sorted set', zincrbyCommand, { since: '1.2.0', complexity: 'O(log(N)) where N is the number of elements in the sorted set.' }),
  command('zrem', -3, 'write fast', [1, 1, 1], Z, 'Remove one or more members from a sorted set', zremCommand, { since: '1.2.0', complexity: 'O(M*log(N)) with N being the number of elements in the sorted set and M the number of elements to be removed.' }),
  command('zcard', 2, 'readonly fast', [1, 1, 1], Z, 'Get the number of members in a sorted set', zcardCommand, { since: '1.2.0', complexity: 'O(1)' }),
  command('zscore', 3, 'readonly fast', [1, 1, 1], Z, 'Get the score associated with the given member in a sorted set', zscoreCommand, { since: '1.2.0', complexity: 'O(1)' }),
  command('zmscore', -3, 'readonly fast', [1, 1, 1], Z, 'Get the score associated with the given members in a sorted set', zmscoreCommand, { since: '6.2.0', complexity: 'O(N) where N is the number of members being requested.' }),
  command('zrank', 3, 'readonly fast', [1, 1, 1], Z, 'Determine the index of a member in a sorted set', zrankCommand, { since: '2.0.0', complexity: 'O(log(N))' }),
  command('zrevrank', 3, 'readonly fast', [1, 1, 1], Z, 'Determine the index of a member in a sorted set, with scores ordered from high to low', zrevrankCommand, { since: '2.0.0', complexity: 'O(log(N))' }),
  command('zcount', 4, 'readonly fast', [1, 1, 1], Z, 'Count the members in a sorted set with scores within the given values', zcountCommand, { since: '2.0.0', complexity: 'O(log(N)) with N being the number of elements in the sorted set.' }),
  command('zlexcount', 4, 'readonly fast', [1, 1, 1], Z, 'Count the number of members in a sorted set between a given lexicographical range', zlexcountCommand, { since: '2.8.9', complexity: 'O(log(N)) with N being the number of elements in the sorted set.' }),
  command('zrandmember', -2, 'readonly', [1, 1, 1], Z, 'Get one or multiple random elements from a sorted set', zrandmemberCommand, { since: '6.2.0', complexity: 'O(N) where N is the number of elements returned' }),
  command('zscan', -3, 'readonly', [1, 1, 1], Z, 'Incrementally iterate sorted sets elements and associated scores', zscanCommand, { since: '2.8.0', complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..' }),
  ...ranges,
  ...pops,
  ...setops,
];

/** ZADD key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]. */
function zaddCommand(c: Client, argv: string[]): void {
  zaddGeneric(c, argv, false);
}

/** ZINCRBY key increment member: ZADD's INCR path (it even parses ZADD's flags, as Redis does). */
function zincrbyCommand(c: Client, argv: string[]): void {
  zaddGeneric(c, argv, true);
}

/** Redis's zaddGenericCommand: flags, validation in Redis's order, then zsetAdd per pair. */
function zaddGeneric(c: Client, argv: string[], incrCmd: boolean): void {
  let nx = false;
  let xx = false;
  let gt = false;
  let lt = false;
  let ch = false;
  let incr = incrCmd;
  let i = 2;
  for (; i < argv.length; i++) {
    const o = argv[i];
    if (o.length > 4) break;
    const l = o.toLowerCase();
    if (l === 'nx') nx = true;
    else if (l === 'xx') xx = true;
    else if (l === 'ch') ch = true;
    else if (l === 'incr') incr = true;
    else if (l === 'gt') gt = true;
    else if (l === 'lt') lt = true;
    else break;
  }
  const elements = argv.length - i;
  if (elements % 2 !== 0 || elements === 0) fail(SYNTAX);
  const pairs = elements / 2;
  if (nx && xx) fail('ERR XX and NX options at the same time are not compatible');
  if ((gt && nx) || (lt && nx) || (gt && lt)) fail('ERR GT, LT, and/or NX options at the same time are not compatible');
  if (incr && pairs > 1) fail('ERR INCR option supports a single increment-element pair');
  const scores = new Array<number>(pairs);
  for (let j = 0; j < pairs; j++) scores[j] = scoreArg(argv[i + 2 * j]);

  const key = argv[1];
  let z = writeZ(c, key);
  const lim = zlimits(c);
  let created = false;
  if (z === undefined) {
    if (xx) {
      if (incr) c.out.nullBulk();
      else c.out.int(0);
      return;
    }
    z = ZSet.create(argv[i + 1].length, lim);
    created = true;
  }
  let added = 0;
  let updated = 0;
  let processed = 0;
  let last = 0;
  for (let j = 0; j < pairs; j++) {
    const m = argv[i + 2 * j + 1];
    let s = scores[j];
    const cur = z.score(m);
    if (cur !== undefined) {
      if (nx) continue;
      if (incr) {
        s += cur;
        if (Number.isNaN(s)) {
          c.out.error(NAN_SCORE);
          return finishAdd(c, key, z, created, added, updated, incr);
        }
      }
      if ((lt && s >= cur) || (gt && s <= cur)) continue;
      processed++;
      last = s;
      if (s !== cur) {
        z.rescore(m, cur, s);
        updated++;
      }
    } else if (!xx) {
      z.add(m, s, lim);
      added++;
      processed++;
      last = s;
    }
  }
  if (incr) {
    if (processed !== 0) c.out.double(last);
    else c.out.nullBulk();
  } else {
    c.out.int(ch ? added + updated : added);
  }
  finishAdd(c, key, z, created, added, updated, incr);
}

/** Stores a new key, signals watchers and blocked clients, and emits zadd/zincr when something changed. */
function finishAdd(c: Client, key: string, z: ZSet, created: boolean, added: number, updated: number, incr: boolean): void {
  const db = c.db;
  if (created && z.length !== 0) {
    db.set(key, z);
    db.notify(NOTIFY.NEW, 'new', key);
  }
  if (added + updated === 0) return;
  if (!created) db.modified(key);
  db.notify(NOTIFY.ZSET, incr ? 'zincr' : 'zadd', key);
  if (added !== 0) db.signalReady(key);
}

/** ZREM key member [member ...]: deletes the key once empty (then also emits `del`). */
function zremCommand(c: Client, argv: string[]): void {
  const key = argv[1];
  const z = writeZ(c, key);
  if (z === undefined) return c.out.int(0);
  let deleted = 0;
  let removedKey = false;
  for (let i = 2; i < argv.length; i++) {
    if (z.delete(argv[i])) deleted++;
    if (z.length === 0) {
      c.db.deleteIfEmpty(key, z);
      removedKey = true;
      break;
    }
  }
  if (deleted !== 0) {
    c.db.modified(key);
    c.db.notify(NOTIFY.ZSET, 'zrem', key);
    if (removedKey) c.db.notify(NOTIFY.GENERIC, 'del', key);
  }
  c.out.int(deleted);
}

function zcardCommand(c: Client, argv: string[]): void {
  const z = readZ(c, argv[1]);
  c.out.int(z === undefined ? 0 : z.length);
}

function zscoreCommand(c: Client, argv: string[]): void {
  const z = readZ(c, argv[1]);
  const s = z === undefined ? undefined : z.score(argv[2]);
  if (s === undefined) c.out.nullBulk();
  else c.out.double(s);
}

/** ZMSCORE: a missing key reads as an empty set (all nils). */
function zmscoreCommand(c: Client, argv: string[]): void {
  const z = readZ(c, argv[1]);
  c.out.array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) {
    const s = z === undefined ? undefined : z.score(argv[i]);
    if (s === undefined) c.out.nullBulk();
    else c.out.double(s);
  }
}

function zrankCommand(c: Client, argv: string[]): void {
  zrankGeneric(c, argv, false);
}

function zrevrankCommand(c: Client, argv: string[]): void {
  zrankGeneric(c, argv, true);
}

/** The rank in O(log n): the member's score, then its position in the tree. */
function zrankGeneric(c: Client, argv: string[], reverse: boolean): void {
  const z = readZ(c, argv[1]);
  const r = z === undefined ? -1 : z.rank(argv[2]);
  if (r < 0) c.out.nullBulk();
  else c.out.int(reverse ? z!.length - 1 - r : r);
}

/** ZCOUNT: the range is parsed before the key is looked up, as in Redis. */
function zcountCommand(c: Client, argv: string[]): void {
  const range = parseScoreRange(argv[2], argv[3]);
  const z = readZ(c, argv[1]);
  if (z === undefined) return c.out.int(0);
  c.out.int(Math.max(0, scoreHi(z, range) - scoreLo(z, range)));
}

function zlexcountCommand(c: Client, argv: string[]): void {
  const [min, max] = parseLexRange(argv[2], argv[3]);
  const z = readZ(c, argv[1]);
  if (z === undefined) return c.out.int(0);
  c.out.int(lexCount(z, min, max));
}

/** A reply past this many elements cannot be built in one V8 string; Redis would exhaust memory instead. */
const MAX_RANDOM_REPLY = 1 << 24;
const LONG_MAX = 2n ** 63n - 1n;

/**
 * ZRANDMEMBER key [count [WITHSCORES]]. Positive counts give distinct members (the whole set when
 * count >= size), negative counts allow repeats; picks are uniform over ranks (O(log n) each).
 */
function zrandmemberCommand(c: Client, argv: string[]): void {
  if (argv.length === 2) {
    const z = readZ(c, argv[1]);
    if (z === undefined || z.length === 0) return c.out.nullBulk();
    c.out.bulk(z.entryAt(randomIndex(z.length))[0]);
    return;
  }
  const big = parseInt64(argv[2]);
  if (big === null) fail(NOT_INTEGER);
  if (big < -LONG_MAX) fail('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
  if (argv.length > 4 || (argv.length === 4 && !isOpt(argv[3], 'withscores'))) fail(SYNTAX);
  const withscores = argv.length === 4;
  // Redis 7.0.15 refuses counts whose doubled reply length would overflow, before the key lookup.
  if (withscores && (big < -(LONG_MAX / 2n) || big > LONG_MAX / 2n)) fail('ERR value is out of range');
  const z = readZ(c, argv[1]);
  if (z === undefined) return c.out.array(0);
  const size = z.length;
  if (big === 0n) return c.out.array(0);
  if (big < 0n) {
    if (-big > BigInt(MAX_RANDOM_REPLY)) fail('ERR value is out of range');
    const count = Number(-big);
    rangeHeader(c, count, withscores);
    if (z.dict === null) {
      // A listpack is decoded once, then sampled (each lookup would be a scan).
      const [ms, ss] = z.slice(0, size);
      for (let i = 0; i < count; i++) {
        const r = randomIndex(size);
        rangeItem(c, ms[r], ss[r], withscores);
      }
      return;
    }
    for (let i = 0; i < count; i++) {
      const [m, s] = z.entryAt(randomIndex(size));
      rangeItem(c, m, s, withscores);
    }
    return;
  }
  const count = big >= BigInt(size) ? size : Number(big);
  rangeHeader(c, count, withscores);
  if (count === size) {
    // Redis's zuiNext walks a zset from its last element to its first.
    const [ms, ss] = z.slice(0, size);
    for (let i = size - 1; i >= 0; i--) rangeItem(c, ms[i], ss[i], withscores);
    return;
  }
  // Few picks from a big set: draw ranks until enough are distinct; otherwise shuffle all ranks.
  let ranks: Iterable<number>;
  if (count * 3 > size) ranks = sample(size, count);
  else {
    const seen = new Set<number>();
    while (seen.size < count) seen.add(randomIndex(size));
    ranks = seen;
  }
  for (const r of ranks) {
    const [m, s] = z.entryAt(r);
    rangeItem(c, m, s, withscores);
  }
}

/**
 * ZSCAN key cursor [MATCH pattern] [COUNT n]. A listpack-encoded set comes back whole with cursor 0
 * (as Redis returns it); a big one walks the member Map's live iterator. Scores are written as
 * Redis's d2string writes them (integral scores as integers).
 */
function zscanCommand(c: Client, argv: string[]): void {
  const cursor = parseCursor(argv[2]);
  const z = readZ(c, argv[1]);
  if (z === undefined) return replyEmptyScan(c);
  const opts = parseScanOptions(argv);
  let next = 0;
  let batch: Array<[string, number]>;
  const dict = z.dict;
  if (dict === null) batch = [...z.entries()];
  else [next, batch] = scanStep(z, cursor, opts.count, () => dict.entries(), () => dict.size);
  const items: string[] = [];
  for (const [m, s] of batch) items.push(m, d2string(s));
  replyScan(c, next, items, opts.match, 2);
}
