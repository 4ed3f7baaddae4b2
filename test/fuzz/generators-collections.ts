/**
 * Fuzz generators for the collection families: hashes, sets, lists, sorted sets. Blocking variants
 * are marked multiOnly: inside MULTI they answer at once, so they never stall the stream.
 */
import { Family, Gen } from './gen';

/** numkeys followed by that many keys; sometimes numkeys lies (Redis must answer a syntax error). */
function numkeys(g: Gen, min = 1, max = 3): string[] {
  const keys = g.keys(min, max);
  const n = g.r.chance(0.9) ? String(keys.length) : g.r.pick(['0', '-1', String(keys.length + 1), 'x']);
  return [n, ...keys];
}

/** HSCAN / SSCAN / ZSCAN arguments after the key. */
function scanArgs(g: Gen): string[] {
  const out = [g.r.chance(0.9) ? '0' : g.r.pick(['abc', '18446744073709551616', '1.5'])];
  if (g.r.chance(0.3)) out.push(g.word('MATCH'), g.r.pick(['*', 'f*', '?', '[a-c]', '1*', '*x*']));
  if (g.r.chance(0.3)) out.push(g.word('COUNT'), g.r.pick(['10', '1', '100', '0', 'x']));
  return out;
}

/**
 * Now and then a write that takes a collection past its compact encoding's entry limit (128 for
 * hashes and zsets, 512 for intsets), so the hashtable / skiplist paths and conversions run too.
 */
const BIG = 0.02;
function many(n: number, item: (i: number) => string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(...item(i));
  return out;
}

const HASHES: Family = {
  name: 'hashes',
  commands: [
    {
      name: 'HSET',
      gen: (g) => {
        if (g.r.chance(BIG)) return ['HSET', g.key(), ...many(g.r.range(120, 140), (i) => [`f${i}`, String(i)])];
        const out = ['HSET', g.key()];
        const n = g.r.range(1, 3);
        for (let i = 0; i < n; i++) out.push(g.field(), g.value());
        return out;
      },
    },
    { name: 'HMSET', gen: (g) => ['HMSET', g.key(), g.field(), g.value(), ...(g.r.chance(0.4) ? [g.field(), g.value()] : [])] },
    { name: 'HSETNX', gen: (g) => ['HSETNX', g.key(), g.field(), g.value()] },
    { name: 'HGET', gen: (g) => ['HGET', g.key(), g.field()] },
    { name: 'HMGET', gen: (g) => ['HMGET', g.key(), g.field(), ...(g.r.chance(0.5) ? [g.field(), g.field()] : [])] },
    { name: 'HDEL', gen: (g) => ['HDEL', g.key(), g.field(), ...(g.r.chance(0.3) ? [g.field()] : [])] },
    { name: 'HLEN', gen: (g) => ['HLEN', g.key()] },
    { name: 'HSTRLEN', gen: (g) => ['HSTRLEN', g.key(), g.field()] },
    { name: 'HEXISTS', gen: (g) => ['HEXISTS', g.key(), g.field()] },
    { name: 'HINCRBY', gen: (g) => ['HINCRBY', g.key(), g.field(), g.int(-100, 100)] },
    { name: 'HINCRBYFLOAT', gen: (g) => ['HINCRBYFLOAT', g.key(), g.field(), g.float()] },
    { name: 'HKEYS', gen: (g) => ['HKEYS', g.key()], mode: 'unordered', whenHashtable: true, noMulti: true },
    { name: 'HVALS', gen: (g) => ['HVALS', g.key()], mode: 'unordered', whenHashtable: true, noMulti: true },
    { name: 'HGETALL', gen: (g) => ['HGETALL', g.key()], mode: 'pairs', whenHashtable: true, noMulti: true },
    {
      name: 'HRANDFIELD',
      gen: (g) => {
        const out = ['HRANDFIELD', g.key()];
        if (g.r.chance(0.6)) out.push(g.count());
        if (out.length === 3 && g.r.chance(0.4)) out.push(g.word('WITHVALUES'));
        return out;
      },
      mode: 'shape',
      noMulti: true,
    },
    { name: 'HSCAN', gen: (g) => ['HSCAN', g.key(), ...scanArgs(g)], mode: 'scan-pairs', noMulti: true },
  ],
};

const SETS: Family = {
  name: 'sets',
  commands: [
    {
      name: 'SADD',
      gen: (g) => (g.r.chance(BIG) ? ['SADD', g.key(), ...many(g.r.range(500, 530), (i) => [String(i - 5)])] : ['SADD', g.key(), ...g.members(1, 4)]),
    },
    { name: 'SREM', gen: (g) => ['SREM', g.key(), ...g.members(1, 3)] },
    { name: 'SISMEMBER', gen: (g) => ['SISMEMBER', g.key(), g.member()] },
    { name: 'SMISMEMBER', gen: (g) => ['SMISMEMBER', g.key(), ...g.members(1, 3)] },
    { name: 'SCARD', gen: (g) => ['SCARD', g.key()] },
    { name: 'SMEMBERS', gen: (g) => ['SMEMBERS', g.key()], mode: 'unordered', whenHashtable: true, noMulti: true },
    { name: 'SINTER', gen: (g) => ['SINTER', ...g.keys(1, 3)], mode: 'unordered', noMulti: true },
    { name: 'SUNION', gen: (g) => ['SUNION', ...g.keys(1, 3)], mode: 'unordered', noMulti: true },
    { name: 'SDIFF', gen: (g) => ['SDIFF', ...g.keys(1, 3)], mode: 'unordered', noMulti: true },
    {
      name: 'SINTERCARD',
      gen: (g) => ['SINTERCARD', ...numkeys(g), ...(g.r.chance(0.4) ? [g.word('LIMIT'), g.count()] : [])],
    },
    { name: 'SINTERSTORE', gen: (g) => ['SINTERSTORE', g.key(), ...g.keys(1, 3)] },
    { name: 'SUNIONSTORE', gen: (g) => ['SUNIONSTORE', g.key(), ...g.keys(1, 3)] },
    { name: 'SDIFFSTORE', gen: (g) => ['SDIFFSTORE', g.key(), ...g.keys(1, 3)] },
    { name: 'SMOVE', gen: (g) => ['SMOVE', g.key(), g.key(), g.member()] },
    {
      name: 'SRANDMEMBER',
      gen: (g) => ['SRANDMEMBER', g.key(), ...(g.r.chance(0.6) ? [g.count()] : [])],
      mode: 'shape',
      noMulti: true,
    },
    { name: 'SSCAN', gen: (g) => ['SSCAN', g.key(), ...scanArgs(g)], mode: 'scan', noMulti: true },
  ],
};

const side = (g: Gen) => g.oneOf('LEFT', 'RIGHT');
const timeout = (g: Gen) => g.r.pick(['0', '1', '0.1', '-1', 'abc', '1e400', 'inf']);

const LISTS: Family = {
  name: 'lists',
  commands: [
    { name: 'LPUSH', gen: (g) => ['LPUSH', g.key(), ...g.members(1, 4)] },
    { name: 'RPUSH', gen: (g) => (g.r.chance(BIG) ? ['RPUSH', g.key(), ...many(150, (i) => [String(i % 7)])] : ['RPUSH', g.key(), ...g.members(1, 4)]) },
    { name: 'LPUSHX', gen: (g) => ['LPUSHX', g.key(), ...g.members(1, 2)] },
    { name: 'RPUSHX', gen: (g) => ['RPUSHX', g.key(), ...g.members(1, 2)] },
    { name: 'LPOP', gen: (g) => ['LPOP', g.key(), ...(g.r.chance(0.4) ? [g.count()] : [])] },
    { name: 'RPOP', gen: (g) => ['RPOP', g.key(), ...(g.r.chance(0.4) ? [g.count()] : [])] },
    { name: 'LLEN', gen: (g) => ['LLEN', g.key()] },
    { name: 'LRANGE', gen: (g) => ['LRANGE', g.key(), g.index(), g.index()] },
    { name: 'LINDEX', gen: (g) => ['LINDEX', g.key(), g.index()] },
    { name: 'LSET', gen: (g) => ['LSET', g.key(), g.index(), g.member()] },
    { name: 'LINSERT', gen: (g) => ['LINSERT', g.key(), g.oneOf('BEFORE', 'AFTER', 'middle'), g.member(), g.member()] },
    { name: 'LREM', gen: (g) => ['LREM', g.key(), g.int(-2, 2), g.member()] },
    { name: 'LTRIM', gen: (g) => ['LTRIM', g.key(), g.index(), g.index()] },
    {
      name: 'LPOS',
      gen: (g) => {
        const out = ['LPOS', g.key(), g.member()];
        if (g.r.chance(0.4)) out.push(g.word('RANK'), g.int(-3, 3));
        if (g.r.chance(0.4)) out.push(g.word('COUNT'), g.count());
        if (g.r.chance(0.3)) out.push(g.word('MAXLEN'), g.int(-1, 5));
        return out;
      },
    },
    { name: 'LMOVE', gen: (g) => ['LMOVE', g.key(), g.key(), side(g), side(g)] },
    { name: 'RPOPLPUSH', gen: (g) => ['RPOPLPUSH', g.key(), g.key()] },
    { name: 'LMPOP', gen: (g) => ['LMPOP', ...numkeys(g), side(g), ...(g.r.chance(0.4) ? [g.word('COUNT'), g.count()] : [])] },
    { name: 'BLPOP', gen: (g) => ['BLPOP', ...g.keys(1, 2), timeout(g)], multiOnly: true },
    { name: 'BRPOP', gen: (g) => ['BRPOP', ...g.keys(1, 2), timeout(g)], multiOnly: true },
    { name: 'BLMOVE', gen: (g) => ['BLMOVE', g.key(), g.key(), side(g), side(g), timeout(g)], multiOnly: true },
    { name: 'BRPOPLPUSH', gen: (g) => ['BRPOPLPUSH', g.key(), g.key(), timeout(g)], multiOnly: true },
    { name: 'BLMPOP', gen: (g) => ['BLMPOP', timeout(g), ...numkeys(g), side(g)], multiOnly: true },
  ],
};

/** ZADD flags in random order, including combinations Redis rejects. */
function zaddFlags(g: Gen): string[] {
  const out: string[] = [];
  if (g.r.chance(0.25)) out.push(g.oneOf('NX', 'XX'));
  if (g.r.chance(0.2)) out.push(g.oneOf('GT', 'LT'));
  if (g.r.chance(0.25)) out.push(g.word('CH'));
  if (g.r.chance(0.15)) out.push(g.word('INCR'));
  return out;
}

/** ZRANGE's unified form (7.0): BYSCORE/BYLEX/REV/LIMIT/WITHSCORES in any combination. */
function zrangeArgs(g: Gen): string[] {
  const by = g.r.int(3);
  const out = by === 0 ? [g.index(), g.index()] : by === 1 ? [g.bound(), g.bound(), g.word('BYSCORE')] : [g.lex(), g.lex(), g.word('BYLEX')];
  if (g.r.chance(0.3)) out.push(g.word('REV'));
  if (g.r.chance(0.25)) out.push(g.word('LIMIT'), g.int(-1, 3), g.int(-1, 4));
  if (g.r.chance(0.4)) out.push(g.word('WITHSCORES'));
  return out;
}

/** WEIGHTS / AGGREGATE / WITHSCORES options of ZUNION-style commands. */
function zsetOpOptions(g: Gen, nkeys: number, withScores: boolean): string[] {
  const out: string[] = [];
  if (g.r.chance(0.3)) {
    out.push(g.word('WEIGHTS'));
    for (let i = 0; i < nkeys; i++) out.push(g.float());
  }
  if (g.r.chance(0.3)) out.push(g.word('AGGREGATE'), g.oneOf('SUM', 'MIN', 'MAX', 'avg'));
  if (withScores && g.r.chance(0.5)) out.push(g.word('WITHSCORES'));
  return out;
}

/** A ZUNION/ZINTER-style command: optional destination, numkeys, keys, options. */
function zsetOp(name: string, store: boolean, options: boolean) {
  return (g: Gen): string[] => {
    const nk = numkeys(g);
    const keys = nk.length - 1;
    return [name, ...(store ? [g.key()] : []), ...nk, ...(options ? zsetOpOptions(g, keys, !store) : !store && g.r.chance(0.4) ? [g.word('WITHSCORES')] : [])];
  };
}

const ZSETS: Family = {
  name: 'zsets',
  commands: [
    {
      name: 'ZADD',
      gen: (g) => {
        if (g.r.chance(BIG)) return ['ZADD', g.key(), ...many(g.r.range(120, 140), (i) => [String(i % 17), i % 3 ? `m${i}` : String(i)])];
        const out = ['ZADD', g.key(), ...zaddFlags(g)];
        const n = g.r.range(1, 3);
        for (let i = 0; i < n; i++) out.push(g.float(), g.member());
        return out;
      },
    },
    { name: 'ZINCRBY', gen: (g) => ['ZINCRBY', g.key(), g.float(), g.member()] },
    { name: 'ZREM', gen: (g) => ['ZREM', g.key(), ...g.members(1, 3)] },
    { name: 'ZCARD', gen: (g) => ['ZCARD', g.key()] },
    { name: 'ZSCORE', gen: (g) => ['ZSCORE', g.key(), g.member()] },
    { name: 'ZMSCORE', gen: (g) => ['ZMSCORE', g.key(), ...g.members(1, 3)] },
    { name: 'ZRANK', gen: (g) => ['ZRANK', g.key(), g.member()] },
    { name: 'ZREVRANK', gen: (g) => ['ZREVRANK', g.key(), g.member()] },
    { name: 'ZCOUNT', gen: (g) => ['ZCOUNT', g.key(), g.bound(), g.bound()] },
    { name: 'ZLEXCOUNT', gen: (g) => ['ZLEXCOUNT', g.key(), g.lex(), g.lex()] },
    { name: 'ZRANGE', gen: (g) => ['ZRANGE', g.key(), ...zrangeArgs(g)] },
    { name: 'ZRANGESTORE', gen: (g) => ['ZRANGESTORE', g.key(), g.key(), ...zrangeArgs(g).filter((a) => a.toUpperCase() !== 'WITHSCORES')] },
    { name: 'ZREVRANGE', gen: (g) => ['ZREVRANGE', g.key(), g.index(), g.index(), ...(g.r.chance(0.4) ? [g.word('WITHSCORES')] : [])] },
    {
      name: 'ZRANGEBYSCORE',
      gen: (g) => ['ZRANGEBYSCORE', g.key(), g.bound(), g.bound(), ...(g.r.chance(0.4) ? [g.word('WITHSCORES')] : []), ...(g.r.chance(0.3) ? [g.word('LIMIT'), g.int(-1, 3), g.int(-1, 4)] : [])],
    },
    {
      name: 'ZREVRANGEBYSCORE',
      gen: (g) => ['ZREVRANGEBYSCORE', g.key(), g.bound(), g.bound(), ...(g.r.chance(0.4) ? [g.word('WITHSCORES')] : []), ...(g.r.chance(0.3) ? [g.word('LIMIT'), g.int(-1, 3), g.int(-1, 4)] : [])],
    },
    { name: 'ZRANGEBYLEX', gen: (g) => ['ZRANGEBYLEX', g.key(), g.lex(), g.lex(), ...(g.r.chance(0.3) ? [g.word('LIMIT'), g.int(-1, 3), g.int(-1, 4)] : [])] },
    { name: 'ZREVRANGEBYLEX', gen: (g) => ['ZREVRANGEBYLEX', g.key(), g.lex(), g.lex(), ...(g.r.chance(0.3) ? [g.word('LIMIT'), g.int(-1, 3), g.int(-1, 4)] : [])] },
    { name: 'ZREMRANGEBYRANK', gen: (g) => ['ZREMRANGEBYRANK', g.key(), g.index(), g.index()] },
    { name: 'ZREMRANGEBYSCORE', gen: (g) => ['ZREMRANGEBYSCORE', g.key(), g.bound(), g.bound()] },
    { name: 'ZREMRANGEBYLEX', gen: (g) => ['ZREMRANGEBYLEX', g.key(), g.lex(), g.lex()] },
    { name: 'ZPOPMIN', gen: (g) => ['ZPOPMIN', g.key(), ...(g.r.chance(0.4) ? [g.count()] : [])] },
    { name: 'ZPOPMAX', gen: (g) => ['ZPOPMAX', g.key(), ...(g.r.chance(0.4) ? [g.count()] : [])] },
    { name: 'ZMPOP', gen: (g) => ['ZMPOP', ...numkeys(g), g.oneOf('MIN', 'MAX'), ...(g.r.chance(0.4) ? [g.word('COUNT'), g.count()] : [])] },
    { name: 'ZUNIONSTORE', gen: zsetOp('ZUNIONSTORE', true, true) },
    { name: 'ZINTERSTORE', gen: zsetOp('ZINTERSTORE', true, true) },
    { name: 'ZDIFFSTORE', gen: zsetOp('ZDIFFSTORE', true, false) },
    { name: 'ZUNION', gen: zsetOp('ZUNION', false, true) },
    { name: 'ZINTER', gen: zsetOp('ZINTER', false, true) },
    { name: 'ZDIFF', gen: zsetOp('ZDIFF', false, false) },
    { name: 'ZINTERCARD', gen: (g) => ['ZINTERCARD', ...numkeys(g), ...(g.r.chance(0.4) ? [g.word('LIMIT'), g.count()] : [])] },
    {
      name: 'ZRANDMEMBER',
      gen: (g) => {
        const out = ['ZRANDMEMBER', g.key()];
        if (g.r.chance(0.6)) out.push(g.count());
        if (out.length === 3 && g.r.chance(0.4)) out.push(g.word('WITHSCORES'));
        return out;
      },
      mode: 'shape',
      noMulti: true,
    },
    { name: 'ZSCAN', gen: (g) => ['ZSCAN', g.key(), ...scanArgs(g)], mode: 'scan-pairs', noMulti: true },
    { name: 'BZPOPMIN', gen: (g) => ['BZPOPMIN', ...g.keys(1, 2), timeout(g)], multiOnly: true },
    { name: 'BZPOPMAX', gen: (g) => ['BZPOPMAX', ...g.keys(1, 2), timeout(g)], multiOnly: true },
    { name: 'BZMPOP', gen: (g) => ['BZMPOP', timeout(g), ...numkeys(g), g.oneOf('MIN', 'MAX')], multiOnly: true },
  ],
};

export const COLLECTION_FAMILIES: Family[] = [HASHES, SETS, LISTS, ZSETS];
