/**
 * Sorted-set algebra against real Redis 7.0: ZUNION / ZINTER / ZDIFF, their STORE forms and
 * ZINTERCARD, with WEIGHTS (inf * 0 = 0), AGGREGATE SUM|MIN|MAX (inf + -inf = 0), plain sets as
 * inputs (score 1), numkeys errors, stored encodings and events, compared byte for byte.
 */
import { expect, same, eachServer, Cmd } from '../helpers';
import { same3 } from '../helpers';
import { events } from '../keyspace/events';

const a: Cmd = ['ZADD', 'a', '1', 'x', '2', 'y', '3', 'z'];
const b: Cmd = ['ZADD', 'b', '10', 'y', '20', 'z', '30', 'w'];
const s: Cmd = ['SADD', 's', 'x', 'w', 'v'];
const ints: Cmd = ['SADD', 'i', '3', '1', '2'];

describe('zsets: ZUNION / ZINTER / ZDIFF', () => {
  same(
    'plain union, intersection and difference, with and without scores',
    a, b, ['ZUNION', '2', 'a', 'b'], ['ZUNION', '2', 'a', 'b', 'WITHSCORES'], ['ZINTER', '2', 'a', 'b', 'WITHSCORES'], ['ZDIFF', '2', 'a', 'b', 'WITHSCORES'],
    ['ZDIFF', '2', 'b', 'a'], ['ZUNION', '3', 'a', 'nokey', 'b', 'withscores'], ['ZINTER', '2', 'a', 'nokey'], ['ZDIFF', '2', 'nokey', 'a'], ['ZDIFF', '2', 'a', 'a'], ['ZINTER', '2', 'a', 'a', 'WITHSCORES'],
  );
  same(
    'WEIGHTS and AGGREGATE',
    a, b, ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '2', '0.5', 'WITHSCORES'], ['ZUNION', '2', 'a', 'b', 'AGGREGATE', 'MIN', 'WITHSCORES'], ['ZUNION', '2', 'a', 'b', 'AGGREGATE', 'max', 'WITHSCORES'],
    ['ZINTER', '2', 'a', 'b', 'WEIGHTS', '-1', '1', 'AGGREGATE', 'SUM', 'WITHSCORES'], ['ZINTER', '2', 'a', 'b', 'AGGREGATE', 'MIN', 'WEIGHTS', '1', '-1', 'WITHSCORES'],
    ['ZUNION', '2', 'a', 'b', 'WEIGHTS', '1', '2', 'WEIGHTS', '3', '4', 'WITHSCORES'], ['ZUNION', '1', 'a', 'WEIGHTS', '0x10', 'WITHSCORES'],
  );
  same(
    'infinities: inf * 0 is 0, inf + -inf is 0, MIN/MAX ignore NaN products',
    ['ZADD', 'p', 'inf', 'x', '-inf', 'y', '1', 'z'], ['ZADD', 'q', '-inf', 'x', 'inf', 'y', '0', 'z'],
    ['ZUNION', '2', 'p', 'q', 'WITHSCORES'], ['ZUNION', '1', 'p', 'WEIGHTS', '0', 'WITHSCORES'], ['ZINTER', '2', 'p', 'q', 'WEIGHTS', '1', '0', 'WITHSCORES'],
    ['ZINTER', '2', 'p', 'q', 'WEIGHTS', '1', '0', 'AGGREGATE', 'MIN', 'WITHSCORES'], ['ZINTER', '2', 'p', 'q', 'WEIGHTS', '0', '1', 'AGGREGATE', 'MAX', 'WITHSCORES'],
    ['ZUNION', '2', 'p', 'q', 'WEIGHTS', 'inf', '-inf', 'WITHSCORES'], ['ZUNION', '2', 'p', 'q', 'WEIGHTS', '-0', '1', 'WITHSCORES'],
  );
  same(
    'plain sets count as score 1, intsets and hashtables alike',
    a, s, ints, ['ZUNION', '2', 'a', 's', 'WITHSCORES'], ['ZINTER', '2', 's', 'a', 'WEIGHTS', '5', '1', 'WITHSCORES'], ['ZDIFF', '2', 's', 'a', 'WITHSCORES'],
    ['ZUNION', '2', 'i', 's', 'WITHSCORES'], ['ZINTERCARD', '2', 'a', 's'], ['ZUNIONSTORE', 'd', '2', 'i', 'a'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['TYPE', 'd'],
  );
  same(
    'floating-point sums add up in Redis order (smallest input first)',
    ['ZADD', 'p', '0.1', 'm', '0.7', 'n'], ['ZADD', 'q', '0.2', 'm', '0.1', 'n', '5', 'o', '6', 'r'], ['ZADD', 'r', '0.3', 'm', '1e-17', 'n'],
    ['ZUNION', '3', 'q', 'p', 'r', 'WITHSCORES'], ['ZINTER', '3', 'q', 'r', 'p', 'WITHSCORES'], ['ZUNION', '3', 'r', 'q', 'p', 'WEIGHTS', '3', '0.1', '7', 'WITHSCORES'],
  );
  same(
    'numkeys and option errors, in Redis order',
    a, ['SET', 'str', 'v'],
    ['ZUNION', '0', 'a'], ['ZUNION', '-1', 'a'], ['ZUNION', 'x', 'a'], ['ZUNION', '2', 'a'], ['ZINTER', '0', 'a'], ['ZDIFF', '0', 'a'], ['ZINTERCARD', '0', 'a'],
    ['ZUNIONSTORE', 'd', '0', 'a'], ['ZINTERSTORE', 'd', '0', 'a'], ['ZDIFFSTORE', 'd', '0', 'a'], ['ZUNIONSTORE', 'd', '3', 'a', 'a'],
    ['ZUNION', '1', 'a', 'WEIGHTS'], ['ZUNION', '1', 'a', 'WEIGHTS', 'x'], ['ZUNION', '1', 'a', 'WEIGHTS', '1', '2'], ['ZUNION', '1', 'a', 'WEIGHTS', 'nan'],
    ['ZUNION', '1', 'a', 'AGGREGATE'], ['ZUNION', '1', 'a', 'AGGREGATE', 'avg'], ['ZDIFF', '1', 'a', 'WEIGHTS', '1'], ['ZDIFF', '1', 'a', 'AGGREGATE', 'SUM'],
    ['ZUNIONSTORE', 'd', '1', 'a', 'WITHSCORES'], ['ZUNION', '1', 'a', 'WITHSCORES', 'WITHSCORES'], ['ZUNION', '1', 'a', 'FOO'],
    ['ZUNION', '2', 'a', 'str'], ['ZUNION', '2', 'str', 'nokey', 'WEIGHTS', 'x', 'y'], ['ZUNION', '1', 'a', 'WEIGHTS', 'x', 'str'], ['EXISTS', 'd'],
  );
  same3('RESP3 WITHSCORES nests [member, double] pairs', a, b, ['ZUNION', '2', 'a', 'b', 'WITHSCORES'], ['ZINTER', '2', 'a', 'b'], ['ZDIFF', '1', 'a', 'WITHSCORES'], ['ZUNION', '1', 'nokey', 'WITHSCORES']);
});

describe('zsets: ZUNIONSTORE / ZINTERSTORE / ZDIFFSTORE', () => {
  same(
    'stores the result and replies its size; an empty result deletes the destination',
    a, b, ['ZUNIONSTORE', 'd', '2', 'a', 'b', 'WEIGHTS', '1', '2'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['ZINTERSTORE', 'd', '2', 'a', 'b', 'AGGREGATE', 'MAX'],
    ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['ZDIFFSTORE', 'd', '2', 'a', 'b'], ['ZRANGE', 'd', '0', '-1', 'WITHSCORES'], ['ZINTERSTORE', 'd', '2', 'a', 'nokey'], ['EXISTS', 'd'],
    ['SET', 'd', 'v', 'EX', '100'], ['ZUNIONSTORE', 'd', '1', 'a'], ['TTL', 'd'], ['TYPE', 'd'], ['SET', 'd', 'v'], ['ZDIFFSTORE', 'd', '2', 'a', 'a'], ['EXISTS', 'd'],
    ['ZUNIONSTORE', 'a', '2', 'a', 'b'], ['ZRANGE', 'a', '0', '-1', 'WITHSCORES'],
  );
  eachServer('stored encodings follow the listpack limits; -0 becomes 0 in a listpack only', async (c) => {
    const big: string[] = ['ZADD', 'big'];
    for (let i = 0; i < 200; i++) big.push(String(i), 'm' + i);
    await c.call(...big);
    await c.call('ZADD', 'long', '1', 'x'.repeat(65));
    await c.call('ZADD', 'zero', '0', 'a');
    expect(await c.call('ZUNIONSTORE', 'd', '1', 'big')).to.equal(200);
    expect(await c.call('OBJECT', 'ENCODING', 'd')).to.equal('skiplist');
    expect(await c.call('ZINTERSTORE', 'd', '2', 'big', 'zero')).to.equal(0);
    expect(await c.call('ZDIFFSTORE', 'd', '1', 'zero')).to.equal(1);
    expect(await c.call('OBJECT', 'ENCODING', 'd')).to.equal('listpack');
    expect(await c.call('ZUNIONSTORE', 'd', '1', 'long')).to.equal(1);
    expect(await c.call('OBJECT', 'ENCODING', 'd')).to.equal('skiplist');
    expect(await c.call('ZUNIONSTORE', 'd', '1', 'zero', 'WEIGHTS', '-1')).to.equal(1);
    expect(await c.call('ZSCORE', 'd', 'a')).to.equal('0');
    expect(await c.call('ZUNION', '1', 'zero', 'WEIGHTS', '-1', 'WITHSCORES')).to.deep.equal(['a', '-0']);
    await c.call('ZADD', 'zero', '1', 'y'.repeat(65));
    expect(await c.call('ZUNIONSTORE', 'd', '1', 'zero', 'WEIGHTS', '-1')).to.equal(2);
    expect(await c.call('ZSCORE', 'd', 'a')).to.equal('-0');
  });
  eachServer('store events: zunionstore / zinterstore / zdiffstore, or del for an empty result', async (c, open) => {
    await c.call(...a);
    const got = await events(c, open, 'KEA', async () => {
      await c.call('ZUNIONSTORE', 'd', '1', 'a');
      await c.call('ZINTERSTORE', 'd', '1', 'a');
      await c.call('ZDIFFSTORE', 'd', '1', 'a');
      await c.call('ZINTERSTORE', 'd', '2', 'a', 'nokey');
      await c.call('ZINTERSTORE', 'd', '2', 'a', 'nokey');
    });
    expect(got).to.deep.equal([
      '__keyspace@0__:d zunionstore', '__keyevent@0__:zunionstore d',
      '__keyspace@0__:d zinterstore', '__keyevent@0__:zinterstore d',
      '__keyspace@0__:d zdiffstore', '__keyevent@0__:zdiffstore d',
      '__keyspace@0__:d del', '__keyevent@0__:del d',
    ]);
  });
});

describe('zsets: ZINTERCARD', () => {
  same(
    'counts the intersection, stopping at LIMIT (0 = no limit)',
    a, b, ['ZINTERCARD', '2', 'a', 'b'], ['ZINTERCARD', '2', 'a', 'b', 'LIMIT', '1'], ['ZINTERCARD', '2', 'a', 'b', 'LIMIT', '0'], ['ZINTERCARD', '1', 'a', 'LIMIT', '100'],
    ['ZINTERCARD', '2', 'a', 'nokey'], ['ZINTERCARD', '2', 'a', 'b', 'LIMIT', '-1'], ['ZINTERCARD', '2', 'a', 'b', 'LIMIT', 'x'], ['ZINTERCARD', '2', 'a', 'b', 'LIMIT'],
    ['ZINTERCARD', '2', 'a', 'b', 'WITHSCORES'], ['ZINTERCARD', '2', 'a', 'b', 'WEIGHTS', '1', '1'], ['ZINTERCARD', '3', 'a', 'b'], ['ZINTERCARD', 'x', 'a'],
  );
});
