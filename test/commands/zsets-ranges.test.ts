/**
 * Sorted-set ranges against real Redis 7.0: ZRANGE with BYSCORE / BYLEX / REV / LIMIT / WITHSCORES,
 * the older Z[REV]RANGE[BYSCORE|BYLEX] forms, ZRANGESTORE and ZREMRANGEBY*, on small (listpack) and
 * large (skiplist, many tree leaves) sets, compared byte for byte.
 */
import { expect, same, eachServer, Cmd } from '../helpers';
import { same3 } from '../helpers';
import { events } from '../keyspace/events';

function zaddMany(key: string, n: number, score = (i: number) => i, prefix = 'm'): Cmd {
  const cmd: Cmd = ['ZADD', key];
  for (let i = 0; i < n; i++) cmd.push(String(score(i)), `${prefix}${String(i).padStart(4, '0')}`);
  return cmd;
}

const small: Cmd = ['ZADD', 'z', '-inf', 'ninf', '1', 'a', '2', 'b', '2', 'c', '3', 'd', '4.5', 'e', 'inf', 'pinf'];
const lex: Cmd = ['ZADD', 'l', '0', 'a', '0', 'b', '0', 'c', '0', 'd', '0', 'e', '0', 'f', '0', 'g'];
// 1000 members over several leaves, duplicate scores (i >> 2) so ties are ordered by member.
const big: Cmd = zaddMany('z', 1000, (i) => i >> 2);
const bigLex: Cmd = zaddMany('l', 1000, () => 0);

describe('zsets: ZRANGE by rank', () => {
  for (const [name, setup] of [['listpack', small], ['skiplist', big]] as Array<[string, Cmd]>) {
    same(
      `index ranges, negative and out of range indexes (${name})`,
      setup, ['ZRANGE', 'z', '0', '-1'], ['ZRANGE', 'z', '2', '4', 'WITHSCORES'], ['ZRANGE', 'z', '-3', '-1'], ['ZRANGE', 'z', '-100000', '2'], ['ZRANGE', 'z', '5', '100000'],
      ['ZRANGE', 'z', '4', '2'], ['ZRANGE', 'z', '100000', '100001'], ['ZRANGE', 'z', '0', '0'], ['ZRANGE', 'z', '-1', '-1', 'withscores'], ['ZRANGE', 'z', '-9223372036854775808', '9223372036854775807'],
      ['ZRANGE', 'z', '0', '-1000000'], ['ZREVRANGE', 'z', '0', '2', 'WITHSCORES'], ['ZREVRANGE', 'z', '-2', '-1'], ['ZRANGE', 'z', '1', '3', 'REV'], ['ZRANGE', 'z', '0', '-1', 'REV', 'WITHSCORES'],
    );
  }
  same(
    'ZRANGE option errors, in Redis order',
    small, ['ZRANGE', 'z', '0', '1', 'LIMIT', '0', '1'], ['ZRANGE', 'z', '0', '1', 'LIMIT', '0', '-1'], ['ZRANGE', 'z', 'a', '1'], ['ZRANGE', 'z', '0', '1', 'LIMIT', 'x', '1'],
    ['ZRANGE', 'z', '0', '1', 'LIMIT', '0'], ['ZRANGE', 'z', '0', '1', 'FOO'], ['ZRANGE', 'z', '0', '1', 'REV', 'REV'], ['ZRANGE', 'z', '0', '1', 'BYSCORE', 'BYLEX'],
    ['ZRANGE', 'z', '-', '+', 'BYLEX', 'WITHSCORES'], ['ZRANGE', 'z', 'x', 'y', 'BYSCORE'], ['ZRANGE', 'z', 'x', 'y', 'BYLEX'], ['ZREVRANGE', 'z', '0', '1', 'REV'],
    ['ZREVRANGE', 'z', '0', '1', 'BYSCORE'], ['ZRANGEBYSCORE', 'z', '0', '1', 'BYSCORE'], ['ZRANGEBYLEX', 'z', '-', '+', 'WITHSCORES'], ['ZRANGE', 'no', 'x', '1'],
    ['ZRANGE', 'no', '0', '1', 'LIMIT', '0', '1'], ['ZRANGE', 'no', '0', '1'], ['ZRANGE', 'z', '0', '1', 'LIMIT', '0', '1', 'BYSCORE', 'x'],
  );
});

describe('zsets: ranges by score', () => {
  for (const [name, setup] of [['listpack', small], ['skiplist', big]] as Array<[string, Cmd]>) {
    same(
      `BYSCORE bounds, REV, LIMIT (${name})`,
      setup, ['ZRANGE', 'z', '-inf', '+inf', 'BYSCORE'], ['ZRANGE', 'z', '(1', '3', 'BYSCORE', 'WITHSCORES'], ['ZRANGE', 'z', '2', '2', 'BYSCORE'],
      ['ZRANGE', 'z', '(2', '2', 'BYSCORE'], ['ZRANGE', 'z', '3', '1', 'BYSCORE'], ['ZRANGE', 'z', '3', '1', 'BYSCORE', 'REV'], ['ZRANGE', 'z', '+inf', '(1', 'BYSCORE', 'REV', 'WITHSCORES'],
      ['ZRANGE', 'z', '(inf', '(-inf', 'BYSCORE', 'REV'], ['ZRANGE', 'z', '100', '200', 'BYSCORE', 'LIMIT', '3', '5'], ['ZRANGE', 'z', '-inf', 'inf', 'BYSCORE', 'LIMIT', '1', '2'],
      ['ZRANGE', 'z', '-inf', 'inf', 'BYSCORE', 'LIMIT', '0', '0'], ['ZRANGE', 'z', '-inf', 'inf', 'BYSCORE', 'LIMIT', '-1', '2'], ['ZRANGE', 'z', '-inf', 'inf', 'BYSCORE', 'LIMIT', '2', '-1'],
      ['ZRANGE', 'z', '-inf', 'inf', 'BYSCORE', 'LIMIT', '1000000', '1'], ['ZRANGE', 'z', 'inf', '-inf', 'BYSCORE', 'REV', 'LIMIT', '2', '3', 'WITHSCORES'],
      ['ZRANGE', 'z', '5', '1', 'BYSCORE', 'REV', 'LIMIT', '1', '-5'], ['ZRANGE', 'z', '1', '5', 'LIMIT', '1', '2', 'BYSCORE', 'WITHSCORES', 'REV'],
      ['ZRANGEBYSCORE', 'z', '(1', '(4.5', 'WITHSCORES', 'LIMIT', '1', '10'], ['ZREVRANGEBYSCORE', 'z', '4.5', '-inf', 'LIMIT', '1', '3'], ['ZREVRANGEBYSCORE', 'z', '(2', '(2'],
      ['ZRANGEBYSCORE', 'z', '200', '+inf', 'LIMIT', '5', '3', 'LIMIT', '0', '1'], ['ZRANGEBYSCORE', 'z', '-inf', 'inf', 'LIMIT', '-5', '-5'],
    );
  }
  same('LIMIT counts beyond int64 or non-integers fail', small, ['ZRANGEBYSCORE', 'z', '0', '1', 'LIMIT', '0', '9223372036854775808'], ['ZRANGEBYSCORE', 'z', '0', '1', 'LIMIT', '1.5', '1'], ['ZRANGEBYSCORE', 'z', '0', '1', 'LIMIT', '0', '9223372036854775807']);
  same3('RESP3 WITHSCORES gives [member, double] pairs', small, ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZRANGEBYSCORE', 'z', '1', '2', 'WITHSCORES'], ['ZREVRANGE', 'z', '0', '0', 'WITHSCORES'], ['ZRANGE', 'z', '0', '1'], ['ZRANGE', 'z', '5', '1', 'WITHSCORES'], ['ZRANGE', 'no', '0', '1', 'WITHSCORES']);
});

describe('zsets: ranges by lex', () => {
  for (const [name, setup] of [['listpack', lex], ['skiplist', bigLex]] as Array<[string, Cmd]>) {
    same(
      `BYLEX bounds, REV, LIMIT (${name})`,
      setup, ['ZRANGE', 'l', '-', '+', 'BYLEX'], ['ZRANGE', 'l', '[b', '(e', 'BYLEX'], ['ZRANGE', 'l', '(b', '[e', 'BYLEX', 'LIMIT', '1', '2'], ['ZRANGE', 'l', '+', '-', 'BYLEX'],
      ['ZRANGE', 'l', '+', '-', 'BYLEX', 'REV'], ['ZRANGE', 'l', '[e', '(b', 'BYLEX', 'REV', 'LIMIT', '0', '2'], ['ZRANGE', 'l', '[m0500', '[m0510', 'BYLEX'],
      ['ZRANGE', 'l', '[m0510', '(m0500', 'BYLEX', 'REV', 'LIMIT', '2', '-1'], ['ZRANGE', 'l', '(c', '(c', 'BYLEX'], ['ZRANGE', 'l', '[c', '[c', 'BYLEX'],
      ['ZRANGEBYLEX', 'l', '-', '[c', 'LIMIT', '1', '1'], ['ZRANGEBYLEX', 'l', '-', '+', 'LIMIT', '-1', '5'], ['ZREVRANGEBYLEX', 'l', '+', '(m0990'],
      ['ZREVRANGEBYLEX', 'l', '[d', '-', 'LIMIT', '1', '100'], ['ZRANGEBYLEX', 'l', '[', '[b'], ['ZRANGEBYLEX', 'l', '(', '+', 'LIMIT', '0', '3'],
      ['ZRANGEBYLEX', 'l', 'a', 'b'], ['ZRANGEBYLEX', 'l', '[a', '+x'],
    );
  }
});

describe('zsets: lex ranges over mixed scores (listpack, walked as Redis walks it)', () => {
  const mixed: Cmd = ['ZADD', 'm', '1', 'd', '2', 'a', '3', 'e', '4', 'b', '5', 'f', '6', 'c'];
  same(
    'forward and reverse walks, counts, offsets and removals',
    mixed, ['ZRANGEBYLEX', 'm', '[a', '[c'], ['ZRANGEBYLEX', 'm', '[b', '+'], ['ZRANGEBYLEX', 'm', '-', '[d'], ['ZREVRANGEBYLEX', 'm', '[c', '[a'],
    ['ZREVRANGEBYLEX', 'm', '+', '[b'], ['ZREVRANGEBYLEX', 'm', '(e', '-'], ['ZLEXCOUNT', 'm', '[a', '[c'], ['ZLEXCOUNT', 'm', '(c', '+'],
    ['ZRANGEBYLEX', 'm', '[a', '[c', 'LIMIT', '1', '5'], ['ZRANGEBYLEX', 'm', '-', '+', 'LIMIT', '2', '2'], ['ZRANGEBYLEX', 'm', '[d', '[e', 'LIMIT', '1', '3'],
    ['ZREVRANGEBYLEX', 'm', '[c', '-', 'LIMIT', '1', '2'], ['ZREVRANGEBYLEX', 'm', '[e', '[d', 'LIMIT', '2', '9'], ['ZRANGE', 'm', '[e', '[b', 'BYLEX', 'REV', 'LIMIT', '0', '9'],
    ['ZRANGEBYLEX', 'm', '[z', '+'], ['ZRANGEBYLEX', 'm', '-', '(a'], ['ZRANGEBYLEX', 'm', '[c', '[a'], ['ZRANGESTORE', 'dst', 'm', '[a', '[d', 'BYLEX'],
    ['ZRANGE', 'dst', '0', '-1', 'WITHSCORES'], ['ZREMRANGEBYLEX', 'm', '[b', '[e'], ['ZRANGE', 'm', '0', '-1'],
  );
});

describe('zsets: ZRANGESTORE', () => {
  same(
    'stores ranges of every kind and replies the count',
    small, ['ZRANGESTORE', 'd', 'z', '1', '3'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['ZRANGESTORE', 'd', 'z', '(1', 'inf', 'BYSCORE', 'LIMIT', '1', '2'],
    ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['ZRANGESTORE', 'd', 'z', '4', '1', 'BYSCORE', 'REV', 'LIMIT', '0', '2'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'],
    lex, ['ZRANGESTORE', 'd', 'l', '[b', '[d', 'BYLEX'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['OBJECT', 'ENCODING', 'd'],
  );
  same(
    'an empty result deletes the destination, whatever it held',
    small, ['SET', 'd', 'v'], ['ZRANGESTORE', 'd', 'z', '10', '20'], ['EXISTS', 'd'], ['SET', 'd', 'v'], ['ZRANGESTORE', 'd', 'nokey', '0', '-1'], ['EXISTS', 'd'],
    ['ZRANGESTORE', 'd', 'nokey', '0', '-1'],
  );
  same(
    'the destination is overwritten (any type, TTL dropped); src may be dst',
    small, ['SET', 'd', 'v', 'EX', '100'], ['ZRANGESTORE', 'd', 'z', '0', '1'], ['TYPE', 'd'], ['TTL', 'd'], ['ZRANGESTORE', 'z', 'z', '2', '3'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
  );
  same(
    'ZRANGESTORE errors: no WITHSCORES, wrong source type, bad range',
    small, ['SET', 's', 'v'], ['ZRANGESTORE', 'd', 'z', '0', '1', 'WITHSCORES'], ['ZRANGESTORE', 'd', 's', '0', '1'], ['ZRANGESTORE', 'd', 'z', 'x', '1'],
    ['ZRANGESTORE', 'd', 'z', '0', '1', 'LIMIT', '0', '1'], ['ZRANGESTORE', 'd', 'z', '(', 'x', 'BYSCORE'], ['ZRANGESTORE', 'd', 'z', '0'], ['EXISTS', 'd'],
  );
  same(
    'stored encoding: listpack when it fits, skiplist otherwise; -0 becomes 0 in a listpack',
    big, ['ZRANGESTORE', 'd', 'z', '0', '127'], ['OBJECT', 'ENCODING', 'd'], ['ZRANGESTORE', 'd', 'z', '0', '128'], ['OBJECT', 'ENCODING', 'd'],
    ['ZADD', 'n', '-0', 'a'], ['ZRANGESTORE', 'd', 'n', '0', '-1'], ['ZSCORE', 'd', 'a'],
  );
  eachServer('ZRANGESTORE emits zrangestore, or del for an empty result', async (c, open) => {
    await c.call('ZADD', 'z', '1', 'a');
    const got = await events(c, open, 'KEA', async () => {
      await c.call('ZRANGESTORE', 'd', 'z', '0', '-1');
      await c.call('ZRANGESTORE', 'd', 'z', '5', '6');
      await c.call('ZRANGESTORE', 'd', 'z', '5', '6');
    });
    expect(got).to.deep.equal(['__keyspace@0__:d zrangestore', '__keyevent@0__:zrangestore d', '__keyspace@0__:d del', '__keyevent@0__:del d']);
  });
});

describe('zsets: ZREMRANGEBYRANK / BYSCORE / BYLEX', () => {
  for (const [name, setup] of [['listpack', small], ['skiplist', big]] as Array<[string, Cmd]>) {
    same(
      `removals by rank and score (${name})`,
      setup, ['ZREMRANGEBYRANK', 'z', '1', '2'], ['ZREMRANGEBYRANK', 'z', '-2', '-1'], ['ZREMRANGEBYRANK', 'z', '5', '1'], ['ZREMRANGEBYRANK', 'z', '100000', '100001'],
      ['ZREMRANGEBYSCORE', 'z', '(2', '100'], ['ZREMRANGEBYSCORE', 'z', '5', '1'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZCARD', 'z'],
      ['ZREMRANGEBYSCORE', 'z', '-inf', '+inf'], ['EXISTS', 'z'], ['ZREMRANGEBYRANK', 'z', '0', '-1'],
    );
  }
  same(
    'removals by lex',
    lex, ['ZREMRANGEBYLEX', 'l', '[b', '(d'], ['ZRANGE', 'l', '0', '-1'], ['ZREMRANGEBYLEX', 'l', '+', '-'], ['ZREMRANGEBYLEX', 'l', '(f', '+'], ['ZREMRANGEBYLEX', 'l', '-', '+'], ['EXISTS', 'l'],
    bigLex, ['ZREMRANGEBYLEX', 'l', '[m0100', '(m0900'], ['ZCARD', 'l'], ['ZRANGE', 'l', '98', '101'],
  );
  same(
    'argument errors come before the key lookup',
    ['SET', 's', 'v'], ['ZREMRANGEBYRANK', 's', 'x', '1'], ['ZREMRANGEBYSCORE', 's', 'x', '1'], ['ZREMRANGEBYLEX', 's', 'x', '+'], ['ZREMRANGEBYRANK', 's', '0', '1'],
    ['ZREMRANGEBYRANK', 'no', 'x', '1'], ['ZREMRANGEBYSCORE', 'no', '0', '1'], ['ZREMRANGEBYLEX', 'no', '-', '+'],
  );
  eachServer('ZREMRANGEBY* emit their event, then del when the key empties; nothing when nothing went', async (c, open) => {
    await c.call('ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '0', 'd');
    const got = await events(c, open, 'KEA', async () => {
      await c.call('ZREMRANGEBYRANK', 'z', '0', '0');
      await c.call('ZREMRANGEBYSCORE', 'z', '10', '20');
      await c.call('ZREMRANGEBYSCORE', 'z', '1', '1');
      await c.call('ZREMRANGEBYLEX', 'z', '[b', '[b');
      await c.call('ZREMRANGEBYRANK', 'z', '0', '-1');
    });
    expect(got).to.deep.equal([
      '__keyspace@0__:z zremrangebyrank', '__keyevent@0__:zremrangebyrank z',
      '__keyspace@0__:z zremrangebyscore', '__keyevent@0__:zremrangebyscore z',
      '__keyspace@0__:z zremrangebylex', '__keyevent@0__:zremrangebylex z',
      '__keyspace@0__:z zremrangebyrank', '__keyevent@0__:zremrangebyrank z',
      '__keyspace@0__:z del', '__keyevent@0__:del z',
    ]);
  });
});
