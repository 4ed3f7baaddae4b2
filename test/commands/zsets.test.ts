/**
 * Sorted sets against real Redis 7.0: ZADD and its flags, ZINCRBY, ZREM, the point reads, score
 * parsing and formatting, encodings, ZRANDMEMBER (by invariants) and ZSCAN. Deterministic replies
 * are compared byte for byte with `same` / `same3`.
 */
import { expect, same, eachServer, Cmd, ReplyError } from '../helpers';
import { same3 } from '../helpers';
import { events } from '../keyspace/events';
import { setConfig, twin } from '../pubsub/util';

/** ZADD key with members prefix0..prefix(n-1) scored by index. */
function zaddMany(key: string, n: number, prefix = 'm', score = (i: number) => i): Cmd {
  const cmd: Cmd = ['ZADD', key];
  for (let i = 0; i < n; i++) cmd.push(String(score(i)), `${prefix}${i}`);
  return cmd;
}

describe('zsets: ZADD', () => {
  same('ZADD counts new members and replaces scores', ['ZADD', 'z', '1', 'a', '2', 'b'], ['ZADD', 'z', '3', 'a', '4', 'c'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZCARD', 'z']);
  same('duplicate members in one ZADD: the last score wins, counted once', ['ZADD', 'z', '1', 'a', '2', 'a', '3', 'a'], ['ZSCORE', 'z', 'a'], ['ZADD', 'z', 'CH', '5', 'a', '5', 'a', '1', 'b'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES']);
  same('CH counts changed scores too, unchanged ones not', ['ZADD', 'z', '1', 'a', '2', 'b'], ['ZADD', 'z', 'CH', '1', 'a', '3', 'b', '4', 'c'], ['ZADD', 'z', 'ch', '1', 'a']);
  same('NX only adds', ['ZADD', 'z', '1', 'a'], ['ZADD', 'z', 'NX', '5', 'a', '2', 'b'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES']);
  same('XX only updates, never creates', ['ZADD', 'z', 'XX', '1', 'a'], ['EXISTS', 'z'], ['ZADD', 'z', '1', 'a'], ['ZADD', 'z', 'XX', 'CH', '5', 'a', '2', 'b'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES']);
  same('GT and LT update only in their direction but still add new members', ['ZADD', 'z', '5', 'a'], ['ZADD', 'z', 'GT', 'CH', '3', 'a', '1', 'b'], ['ZADD', 'z', 'GT', 'CH', '7', 'a'], ['ZADD', 'z', 'LT', 'CH', '9', 'a', '0', 'b'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZADD', 'z', 'XX', 'LT', 'CH', '-1', 'a', '-1', 'new'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES']);
  same(
    'option incompatibilities and their error texts',
    ['ZADD', 'z', 'NX', 'XX', '1', 'a'], ['ZADD', 'z', 'GT', 'LT', '1', 'a'], ['ZADD', 'z', 'NX', 'GT', '1', 'a'], ['ZADD', 'z', 'NX', 'LT', '1', 'a'],
    ['ZADD', 'z', 'INCR', '1', 'a', '2', 'b'], ['ZADD', 'z', 'NX', 'XX', 'INCR', '1', 'a', '2', 'b'], ['ZADD', 'z', 'GT', 'LT', 'NX', '1', 'a'],
    ['ZADD', 'z', '1'], ['ZADD', 'z', 'NX', '1'], ['ZADD', 'z', '1', 'a', '2'], ['ZADD', 'z', 'nx', 'xx', 'gt', 'lt', 'incr', 'ch', 'x'], ['EXISTS', 'z'],
  );
  same('a bad score anywhere fails the whole ZADD before any change', ['ZADD', 'z', '1', 'a', 'x', 'b'], ['EXISTS', 'z'], ['ZADD', 'z', 'nan', 'a'], ['ZADD', 'z', '1', 'a', '1e400', 'b'], ['ZCARD', 'z']);
  same('wrong type is checked after the scores', ['SET', 's', 'v'], ['ZADD', 's', 'x', 'a'], ['ZADD', 's', '1', 'a'], ['ZADD', 's', 'XX', '1', 'a']);
  same(
    'INCR replies the new score, or nil when NX/XX/GT/LT stopped it',
    ['ZADD', 'z', 'INCR', '1.5', 'a'], ['ZADD', 'z', 'INCR', '1', 'a'], ['ZADD', 'z', 'NX', 'INCR', '1', 'a'], ['ZADD', 'z', 'XX', 'INCR', '1', 'b'],
    ['ZADD', 'z', 'GT', 'INCR', '-1', 'a'], ['ZADD', 'z', 'LT', 'INCR', '1', 'a'], ['ZADD', 'z', 'LT', 'INCR', '-1', 'a'], ['ZADD', 'z', 'GT', 'INCR', '0', 'a'],
    ['ZADD', 'nokey', 'XX', 'INCR', '1', 'a'], ['EXISTS', 'nokey'], ['ZADD', 'z', 'NX', 'INCR', '7', 'new'], ['ZADD', 'z', 'CH', 'INCR', '0', 'new'],
  );
  same('NaN from inf + -inf is an error and changes nothing', ['ZADD', 'z', 'inf', 'a'], ['ZADD', 'z', 'INCR', '-inf', 'a'], ['ZINCRBY', 'z', '-inf', 'a'], ['ZSCORE', 'z', 'a'], ['ZINCRBY', 'z', '+inf', 'a']);
  same('ZINCRBY creates, adds, and parses ZADD flags where the increment goes', ['ZINCRBY', 'z', '2', 'a'], ['ZINCRBY', 'z', '0.1', 'a'], ['ZINCRBY', 'z', 'x', 'a'], ['ZINCRBY', 'z', 'nx', 'a'], ['ZINCRBY', 'z', '-inf', 'b'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES']);
  same(
    'scores parse as strtod: hex, inf spellings, exponents; spaces, overflow and underflow fail',
    ['ZADD', 'z', '0x10', 'hex', '0x1p-2', 'hexp', '-Infinity', 'ninf', '+INF', 'pinf', '1e3', 'exp', '.5', 'dot', '5.', 'dot2', '1e-310', 'denorm'],
    ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ['ZADD', 'z', ' 1', 'a'], ['ZADD', 'z', '1 ', 'a'], ['ZADD', 'z', '1e400', 'a'], ['ZADD', 'z', '-1e400', 'a'], ['ZADD', 'z', '1e-400', 'a'], ['ZADD', 'z', '', 'a'],
    ['ZADD', 'z', '0x', 'a'], ['ZADD', 'z', '1\x001', 'a'], ['ZADD', 'z', 'infinit', 'a'], ['ZADD', 'z', '+', 'a'], ['ZADD', 'z', '1e', 'a'],
  );
  same(
    'doubles are written with %.17g; -0 survives only in a skiplist',
    ['ZADD', 'z', '1.1', 'a', '0.1', 'b', '1e20', 'c', '123456789012345678', 'd', '-0', 'e', '3.0', 'f', '1e-5', 'g'],
    ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZSCORE', 'z', 'e'], ['ZINCRBY', 'z', '-0', 'e'], ['ZINCRBY', 'z', '0.2', 'b'],
    ['CONFIG', 'SET', 'zset-max-listpack-entries', '0'], ['ZADD', 'y', '-0', 'e'], ['ZSCORE', 'y', 'e'], ['ZINCRBY', 'y', '-0', 'new'], ['ZSCORE', 'y', 'new'],
    ['CONFIG', 'SET', 'zset-max-listpack-entries', '128'],
  );
  same3('RESP3: scores are doubles; INCR misses are nulls', ['ZADD', 'z', '1.1', 'a', 'inf', 'b', '-inf', 'c'], ['ZSCORE', 'z', 'a'], ['ZSCORE', 'z', 'b'], ['ZSCORE', 'z', 'nope'], ['ZINCRBY', 'z', '2', 'a'], ['ZADD', 'z', 'NX', 'INCR', '1', 'a'], ['ZMSCORE', 'z', 'a', 'b', 'c', 'd'], ['ZRANK', 'z', 'x'], ['ZRANK', 'nokey', 'x']);
  same('members are binary-safe and ordered bytewise among equal scores', ['ZADD', 'z', '0', 'b', '0', 'a\x00', '0', 'a', '0', '\xff', '0', 'A', '0', 'a\x00\xff'], ['ZRANGE', 'z', '0', '-1'], ['ZSCORE', 'z', 'a\x00\xff'], ['ZRANK', 'z', '\xff']);
});

describe('zsets: ZREM, ZCARD, ZSCORE, ZMSCORE, ZRANK, ZREVRANK', () => {
  same('ZREM counts removed members and deletes the empty key', ['ZADD', 'z', '1', 'a', '2', 'b'], ['ZREM', 'z', 'a', 'x', 'a'], ['ZCARD', 'z'], ['ZREM', 'z', 'b', 'c'], ['EXISTS', 'z'], ['ZREM', 'z', 'b'], ['ZCARD', 'z']);
  same('point reads of missing keys and members', ['ZCARD', 'no'], ['ZSCORE', 'no', 'a'], ['ZMSCORE', 'no', 'a', 'b'], ['ZRANK', 'no', 'a'], ['ZREVRANK', 'no', 'a'], ['ZADD', 'z', '1', 'a'], ['ZSCORE', 'z', 'b'], ['ZMSCORE', 'z', 'b', 'a']);
  same('ZRANK and ZREVRANK', ['ZADD', 'z', '1', 'a', '2', 'b', '2', 'c', '3', 'd'], ['ZRANK', 'z', 'a'], ['ZRANK', 'z', 'c'], ['ZREVRANK', 'z', 'a'], ['ZREVRANK', 'z', 'd'], ['ZRANK', 'z', 'zz']);
  same(
    'every sorted-set command answers WRONGTYPE on another type',
    ['SET', 'k', 'v'], ['ZADD', 'ok', '1', 'a'],
    ['ZADD', 'k', '1', 'a'], ['ZINCRBY', 'k', '1', 'a'], ['ZREM', 'k', 'a'], ['ZCARD', 'k'], ['ZSCORE', 'k', 'a'], ['ZMSCORE', 'k', 'a'], ['ZRANK', 'k', 'a'],
    ['ZREVRANK', 'k', 'a'], ['ZCOUNT', 'k', '0', '1'], ['ZLEXCOUNT', 'k', '-', '+'], ['ZRANGE', 'k', '0', '1'], ['ZRANGESTORE', 'd', 'k', '0', '1'],
    ['ZREVRANGE', 'k', '0', '1'], ['ZRANGEBYSCORE', 'k', '0', '1'], ['ZREVRANGEBYSCORE', 'k', '1', '0'], ['ZRANGEBYLEX', 'k', '-', '+'],
    ['ZREVRANGEBYLEX', 'k', '+', '-'], ['ZREMRANGEBYRANK', 'k', '0', '1'], ['ZREMRANGEBYSCORE', 'k', '0', '1'], ['ZREMRANGEBYLEX', 'k', '-', '+'],
    ['ZPOPMIN', 'k'], ['ZPOPMAX', 'k', '2'], ['BZPOPMIN', 'k', '0'], ['BZPOPMAX', 'nokey', 'k', '0'], ['ZMPOP', '2', 'nokey', 'k', 'MIN'],
    ['BZMPOP', '0', '1', 'k', 'MAX'], ['ZUNION', '2', 'ok', 'k'], ['ZINTER', '1', 'k'], ['ZDIFF', '2', 'ok', 'k'], ['ZUNIONSTORE', 'd', '1', 'k'],
    ['ZINTERSTORE', 'd', '2', 'nokey', 'k'], ['ZDIFFSTORE', 'd', '1', 'k'], ['ZINTERCARD', '1', 'k'], ['ZRANDMEMBER', 'k'], ['ZRANDMEMBER', 'k', '1'],
    ['ZSCAN', 'k', '0'], ['EXISTS', 'd'], ['GET', 'k'],
  );
  same('arity errors', ['ZADD', 'z', '1'], ['ZINCRBY', 'z', '1'], ['ZREM', 'z'], ['ZCARD'], ['ZSCORE', 'z'], ['ZMSCORE', 'z'], ['ZRANK', 'z'], ['ZCOUNT', 'z', '1'], ['ZRANGE', 'z', '0'], ['ZPOPMIN'], ['BZPOPMIN', 'z'], ['ZMPOP', '1', 'z'], ['ZUNION', '1'], ['ZUNIONSTORE', 'd', '1'], ['ZRANDMEMBER'], ['ZSCAN', 'z']);
});

describe('zsets: ZCOUNT, ZLEXCOUNT and range bounds', () => {
  const setup: Cmd = ['ZADD', 'z', '-inf', 'ninf', '1', 'a', '2', 'b', '2', 'c', '3', 'd', 'inf', 'pinf'];
  same(
    'ZCOUNT with inclusive, exclusive and infinite bounds',
    setup, ['ZCOUNT', 'z', '-inf', '+inf'], ['ZCOUNT', 'z', '(-inf', '(inf'], ['ZCOUNT', 'z', '1', '2'], ['ZCOUNT', 'z', '(1', '2'], ['ZCOUNT', 'z', '(1', '(2'],
    ['ZCOUNT', 'z', '2', '2'], ['ZCOUNT', 'z', '(2', '2'], ['ZCOUNT', 'z', '3', '1'], ['ZCOUNT', 'z', 'inf', 'inf'], ['ZCOUNT', 'z', '-infinity', '-inf'], ['ZCOUNT', 'no', '0', '1'],
  );
  same(
    'range bounds are read by strtod: spaces, hex, overflow to inf, the empty string, text after NUL',
    setup, ['ZCOUNT', 'z', ' 1', ' 2'], ['ZCOUNT', 'z', '0x1', '0x2'], ['ZCOUNT', 'z', '1e400', 'inf'], ['ZCOUNT', 'z', '', '1'], ['ZCOUNT', 'z', '(', '2'],
    ['ZCOUNT', 'z', '1\x00junk', '2'], ['ZCOUNT', 'z', '1e-400', '2'],
    ['ZCOUNT', 'z', 'nan', '1'], ['ZCOUNT', 'z', '1', 'x'], ['ZCOUNT', 'z', '[1', '2'], ['ZCOUNT', 'z', '1 ', '2'], ['ZCOUNT', 'z', '((1', '2'], ['ZCOUNT', 'no', 'x', '1'],
  );
  same(
    'ZLEXCOUNT and lex bound syntax',
    ['ZADD', 'z', '0', 'a', '0', 'b', '0', 'c', '0', 'd', '0', 'e'], ['ZLEXCOUNT', 'z', '-', '+'], ['ZLEXCOUNT', 'z', '[b', '[d'], ['ZLEXCOUNT', 'z', '(b', '(d'],
    ['ZLEXCOUNT', 'z', '(b', '[b'], ['ZLEXCOUNT', 'z', '[b', '[b'], ['ZLEXCOUNT', 'z', '+', '-'], ['ZLEXCOUNT', 'z', '[', '(c'], ['ZLEXCOUNT', 'z', '-', '-'],
    ['ZLEXCOUNT', 'z', 'b', 'd'], ['ZLEXCOUNT', 'z', '-x', '+'], ['ZLEXCOUNT', 'z', '[a', '++'], ['ZLEXCOUNT', 'z', '', '+'], ['ZLEXCOUNT', 'no', '-', '+'], ['ZLEXCOUNT', 'no', 'x', '+'],
  );
});

describe('zsets: encodings', () => {
  same(
    'listpack until zset-max-listpack-entries, then skiplist for good',
    zaddMany('z', 128), ['OBJECT', 'ENCODING', 'z'], ['ZADD', 'z', '1', 'extra'], ['OBJECT', 'ENCODING', 'z'], ['ZREMRANGEBYRANK', 'z', '0', '100'], ['OBJECT', 'ENCODING', 'z'],
  );
  same(
    'a member longer than zset-max-listpack-value converts; the first member decides at creation',
    ['ZADD', 'a', '1', 'x'.repeat(64)], ['OBJECT', 'ENCODING', 'a'], ['ZADD', 'a', '1', 'y'.repeat(65)], ['OBJECT', 'ENCODING', 'a'],
    ['ZADD', 'b', '1', 'y'.repeat(65), '2', 'c'], ['OBJECT', 'ENCODING', 'b'], ['ZREM', 'b', 'y'.repeat(65)], ['OBJECT', 'ENCODING', 'b'],
  );
  eachServer('duplicates in one ZADD do not count against the entry limit; limit 0 means skiplist', async (c) => {
    try {
      await setConfig(c, 'zset-max-listpack-entries', '3');
      await c.call('ZADD', 'z', '1', 'a', '1', 'a', '1', 'a', '1', 'a', '1', 'a');
      expect(await c.call('OBJECT', 'ENCODING', 'z')).to.equal('listpack');
      await c.call('ZADD', 'z', '1', 'b', '1', 'c', '1', 'd');
      expect(await c.call('OBJECT', 'ENCODING', 'z')).to.equal('skiplist');
      await setConfig(c, 'zset-max-listpack-entries', '0');
      await c.call('ZADD', 'y', '1', 'a');
      expect(await c.call('OBJECT', 'ENCODING', 'y')).to.equal('skiplist');
    } finally {
      await setConfig(c, 'zset-max-listpack-entries', '128');
    }
  });
});

describe('zsets: COPY and expiry', () => {
  same(
    'COPY makes an independent copy in the same encoding',
    ['ZADD', 'small', '1', 'a', '2', 'b'], zaddMany('big', 200), ['COPY', 'small', 's2'], ['COPY', 'big', 'b2'], ['OBJECT', 'ENCODING', 's2'], ['OBJECT', 'ENCODING', 'b2'],
    ['ZADD', 's2', '5', 'a'], ['ZREM', 'b2', 'm5'], ['ZRANGE', 'small', '0', '-1', 'WITHSCORES'], ['ZRANGE', 's2', '0', '-1', 'WITHSCORES'], ['ZCARD', 'big'], ['ZCARD', 'b2'],
    ['ZRANK', 'big', 'm199'], ['ZRANK', 'b2', 'm199'],
  );
  twin('an expired zset reads as missing and ZADD starts a new one', async (c) => {
    await c.call('ZADD', 'z', '1', 'a');
    await c.call('PEXPIRE', 'z', '5');
    await new Promise((r) => setTimeout(r, 20));
    const out: string[] = [];
    for (const cmd of [['ZCARD', 'z'], ['ZADD', 'z', 'XX', '1', 'a'], ['ZADD', 'z', '2', 'b'], ['ZRANGE', 'z', '0', '-1'], ['TTL', 'z']]) out.push(await c.raw(...cmd));
    return out;
  });
});

describe('zsets: ZRANDMEMBER', () => {
  same(
    'argument errors and empty cases',
    ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c'], ['ZRANDMEMBER', 'z', 'x'], ['ZRANDMEMBER', 'z', '1', 'withscore'], ['ZRANDMEMBER', 'z', '1', 'WITHSCORES', 'x'],
    ['ZRANDMEMBER', 'z', '-9223372036854775808'], ['ZRANDMEMBER', 'z', '-4611686018427387904', 'WITHSCORES'], ['ZRANDMEMBER', 'z', '4611686018427387904', 'WITHSCORES'], ['ZRANDMEMBER', 'no', '4611686018427387904', 'WITHSCORES'], ['ZRANDMEMBER', 'z', '4611686018427387903', 'WITHSCORES'], ['ZRANDMEMBER', 'z', '4611686018427387904'], ['ZRANDMEMBER', 'z', '0'], ['ZRANDMEMBER', 'z', '0', 'WITHSCORES'],
    ['ZRANDMEMBER', 'no'], ['ZRANDMEMBER', 'no', '3'], ['ZRANDMEMBER', 'no', '-3', 'WITHSCORES'], ['ZRANDMEMBER', 'no', 'x'],
  );
  same('a count at least the size returns the whole set, highest first', ['ZADD', 'z', '3', 'c', '1', 'a', '2', 'b'], ['ZRANDMEMBER', 'z', '3', 'WITHSCORES'], ['ZRANDMEMBER', 'z', '9223372036854775807']);
  same3('RESP3 ZRANDMEMBER WITHSCORES gives [member, double] pairs', ['ZADD', 'z', '1.5', 'a'], ['ZRANDMEMBER', 'z', '1', 'WITHSCORES'], ['ZRANDMEMBER', 'z', '-2', 'WITHSCORES'], ['ZRANDMEMBER', 'z'], ['ZRANDMEMBER', 'no']);
  for (const n of [5, 300]) {
    eachServer(`positive counts give distinct members, negative counts repeats (${n} members)`, async (c) => {
      const members = Array.from({ length: n }, (_, i) => `m${i}`);
      await c.call(...zaddMany('z', n));
      for (const count of [1, 2, n - 1, Math.floor(n / 2)]) {
        const r = (await c.call('ZRANDMEMBER', 'z', String(count))) as string[];
        expect(r).to.have.length(count);
        expect(new Set(r).size).to.equal(count);
        for (const m of r) expect(members).to.include(m);
      }
      const rep = (await c.call('ZRANDMEMBER', 'z', String(-3 * n))) as string[];
      expect(rep).to.have.length(3 * n);
      for (const m of rep) expect(members).to.include(m);
      expect(new Set(rep).size).to.be.greaterThan(1);
      const ws = (await c.call('ZRANDMEMBER', 'z', '-4', 'WITHSCORES')) as string[];
      expect(ws).to.have.length(8);
      for (let i = 0; i < 8; i += 2) expect(ws[i + 1]).to.equal(ws[i].slice(1));
      const one = (await c.call('ZRANDMEMBER', 'z')) as string;
      expect(members).to.include(one);
    });
  }
});

describe('zsets: ZSCAN', () => {
  same('a listpack zset comes back whole with cursor 0, integral scores as integers', ['ZADD', 'z', '1.5', 'a', '2', 'b', '1e20', 'c', '123456789012345678', 'd', '-0', 'e', '-inf', 'f'], ['ZSCAN', 'z', '0'], ['ZSCAN', 'z', '0', 'COUNT', '1'], ['ZSCAN', 'z', '0', 'MATCH', '[ab]']);
  same3('ZSCAN scores stay bulk strings in RESP3', ['ZADD', 'z', '1.5', 'a', '2', 'b'], ['ZSCAN', 'z', '0']);
  same(
    'ZSCAN argument errors and missing keys',
    ['ZADD', 'z', '1', 'a'], ['ZSCAN', 'z', 'x'], ['ZSCAN', 'z', '-1'], ['ZSCAN', 'z', '0', 'COUNT', '0'], ['ZSCAN', 'z', '0', 'COUNT'], ['ZSCAN', 'z', '0', 'TYPE', 'zset'],
    ['ZSCAN', 'z', '0', 'FOO', 'bar'], ['ZSCAN', 'no', '0'], ['ZSCAN', 'no', '0', 'COUNT', '0'], ['ZSCAN', 'no', 'x'],
  );
  eachServer('a full ZSCAN of a skiplist returns every member once with its score', async (c) => {
    await c.call(...zaddMany('z', 1000, 'm', (i) => i / 4));
    await c.call('ZADD', 'z', '-0', 'negzero');
    const seen = new Map<string, string>();
    let cursor = '0';
    let calls = 0;
    do {
      const [next, items] = (await c.call('ZSCAN', 'z', cursor, 'COUNT', '50')) as [string, string[]];
      for (let i = 0; i < items.length; i += 2) seen.set(items[i], items[i + 1]);
      cursor = next;
      calls++;
    } while (cursor !== '0');
    expect(calls).to.be.greaterThan(1);
    expect(seen.size).to.equal(1001);
    expect(seen.get('m3')).to.equal('0.75');
    expect(seen.get('m8')).to.equal('2');
    expect(seen.get('negzero')).to.equal('-0');
    const [, matched] = (await c.call('ZSCAN', 'z', '0', 'MATCH', 'm99*', 'COUNT', '10000')) as [string, string[]];
    expect(matched.filter((_, i) => i % 2 === 0).sort()).to.deep.equal(['m99', 'm990', 'm991', 'm992', 'm993', 'm994', 'm995', 'm996', 'm997', 'm998', 'm999']);
  });
});

describe('zsets: keyspace events of the write commands', () => {
  eachServer('zadd, zincr, zrem, del, new; nothing when nothing changed', async (c, open) => {
    const got = await events(c, open, 'KEAn', async () => {
      await c.call('ZADD', 'z', '1', 'a', '2', 'b');
      await c.call('ZADD', 'z', '1', 'a');
      await c.call('ZADD', 'z', 'NX', '5', 'a');
      await c.call('ZADD', 'z', 'CH', '3', 'a');
      await c.call('ZINCRBY', 'z', '1', 'a');
      await c.call('ZADD', 'z', 'XX', 'INCR', '1', 'nope');
      await c.call('ZREM', 'z', 'nope');
      await c.call('ZREM', 'z', 'a');
      await c.call('ZREM', 'z', 'b', 'c');
    });
    expect(got).to.deep.equal([
      '__keyspace@0__:z new', '__keyevent@0__:new z',
      '__keyspace@0__:z zadd', '__keyevent@0__:zadd z',
      '__keyspace@0__:z zadd', '__keyevent@0__:zadd z',
      '__keyspace@0__:z zincr', '__keyevent@0__:zincr z',
      '__keyspace@0__:z zrem', '__keyevent@0__:zrem z',
      '__keyspace@0__:z zrem', '__keyevent@0__:zrem z',
      '__keyspace@0__:z del', '__keyevent@0__:del z',
    ]);
  });
});

describe('zsets: WATCH', () => {
  eachServer('ZADD that changes nothing does not touch WATCHed keys; one that does, does', async (c, open) => {
    await c.call('ZADD', 'z', '1', 'a');
    await c.call('WATCH', 'z');
    const o = await open();
    await o.call('ZADD', 'z', '1', 'a');
    await o.call('ZADD', 'z', 'NX', '2', 'a');
    await c.call('MULTI');
    await c.call('ZCARD', 'z');
    expect(await c.call('EXEC')).to.deep.equal([1]);
    await c.call('WATCH', 'z');
    await o.call('ZINCRBY', 'z', '1', 'a');
    await c.call('MULTI');
    await c.call('ZCARD', 'z');
    expect(await c.call('EXEC')).to.equal(null);
    const e = await c.call('ZADD', 'z', 'GT', 'LT', '1', 'a');
    expect(e).to.be.instanceOf(ReplyError);
  });
});

describe('zsets: command table', () => {
  const names = [
    'zadd', 'zincrby', 'zrem', 'zcard', 'zscore', 'zmscore', 'zrank', 'zrevrank', 'zcount', 'zlexcount', 'zrange', 'zrangestore', 'zrevrange',
    'zrangebyscore', 'zrevrangebyscore', 'zrangebylex', 'zrevrangebylex', 'zremrangebyrank', 'zremrangebyscore', 'zremrangebylex', 'zpopmin',
    'zpopmax', 'bzpopmin', 'bzpopmax', 'zmpop', 'bzmpop', 'zunion', 'zinter', 'zdiff', 'zunionstore', 'zinterstore', 'zdiffstore', 'zintercard',
    'zrandmember', 'zscan',
  ];
  // Key specs (COMMAND INFO's 9th field) are the introspection module's guess, not this family's: not compared.
  twin('COMMAND INFO of every sorted-set command: arity, flags, key positions, categories, tips', async (c) => {
    const out: string[] = [];
    for (const n of names) {
      const [info] = (await c.call('COMMAND', 'INFO', n)) as unknown[][];
      out.push(JSON.stringify(info.slice(0, 8), (_, v) => (v instanceof Set ? [...v] : v)));
    }
    return out;
  });
  same(
    'COMMAND GETKEYS of the movable-key commands, invalid numkeys included',
    ['COMMAND', 'GETKEYS', 'ZUNIONSTORE', 'd', '2', 'a', 'b', 'WEIGHTS', '1', '2'], ['COMMAND', 'GETKEYS', 'ZINTER', '2', 'a', 'b'], ['COMMAND', 'GETKEYS', 'ZDIFFSTORE', 'd', '0', 'a'],
    ['COMMAND', 'GETKEYS', 'ZUNION', '3', 'a', 'b'], ['COMMAND', 'GETKEYS', 'ZMPOP', '2', 'a', 'b', 'MIN'], ['COMMAND', 'GETKEYS', 'BZMPOP', '0', '2', 'a', 'b', 'MIN'],
    ['COMMAND', 'GETKEYS', 'ZMPOP', '0', 'a', 'MIN'], ['COMMAND', 'GETKEYS', 'ZINTERCARD', '1', 'a', 'LIMIT', '1'], ['COMMAND', 'GETKEYS', 'BZPOPMIN', 'a', 'b', '0'],
    ['COMMAND', 'GETKEYS', 'ZRANGESTORE', 'd', 's', '0', '1'],
  );
});

describe('zsets: new and keymiss events', () => {
  eachServer('new when ZADD or a store creates a key; keymiss on reads of missing keys only', async (c, open) => {
    await c.call('ZADD', 'src', '1', 'a');
    const got = await events(c, open, 'KEnm', async () => {
      await c.call('ZADD', 'z', '1', 'a');
      await c.call('ZUNIONSTORE', 'u', '1', 'src');
      await c.call('ZUNIONSTORE', 'u', '1', 'src');
      await c.call('ZRANGESTORE', 'r', 'src', '0', '-1');
      await c.call('ZSCORE', 'missing', 'a');
      await c.call('ZRANGE', 'missing', '0', '-1');
      await c.call('ZUNION', '2', 'src', 'missing2');
      await c.call('ZREM', 'missing3', 'a');
      await c.call('ZPOPMIN', 'missing4');
      await c.call('ZADD', 'missing5', 'XX', '1', 'a');
    });
    expect(got).to.deep.equal([
      '__keyspace@0__:z new', '__keyevent@0__:new z',
      '__keyspace@0__:u new', '__keyevent@0__:new u',
      '__keyspace@0__:r new', '__keyevent@0__:new r',
      '__keyspace@0__:missing keymiss', '__keyevent@0__:keymiss missing',
      '__keyspace@0__:missing keymiss', '__keyevent@0__:keymiss missing',
      '__keyspace@0__:missing2 keymiss', '__keyevent@0__:keymiss missing2',
    ]);
  });
});
