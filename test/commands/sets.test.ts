/**
 * Set commands against real Redis 7.0 (intset and hashtable encodings; 7.0 has no listpack sets).
 * Intsets reply in ascending numeric order, which Respite reproduces, so those cases are byte-for-byte
 * twins; hashtable replies are compared sorted; SPOP / SRANDMEMBER are checked by their invariants.
 */
import { expect, same, eachServer, compare, Conn, Cmd } from '../helpers';
import { twin } from '../pubsub/util';
import { events } from '../keyspace/events';
import { same3 } from '../helpers';

/** SADD key prefix0 … prefix(n-1) (plain integers when prefix is ''). */
function saddMany(key: string, n: number, prefix = '', from = 0): Cmd {
  const cmd: Cmd = ['SADD', key];
  for (let i = from; i < from + n; i++) cmd.push(`${prefix}${i}`);
  return cmd;
}

/** A reply of members, sorted (for hashtables, whose order is Redis's dict order). */
async function sorted(c: Conn, ...cmd: Cmd): Promise<string[]> {
  const r = (await c.call(...cmd)) as string[] | Set<string>;
  return [...r].sort();
}

const range = (from: number, to: number, prefix = ''): string[] => Array.from({ length: to - from }, (_, i) => `${prefix}${from + i}`);

describe('sets: SADD, SREM, SMEMBERS, SISMEMBER, SMISMEMBER, SCARD', () => {
  same('SADD counts new members; repeats in one call count once', ['SADD', 's', '3', '1', '2', '1', '3'], ['SADD', 's', '2', '4'], ['SCARD', 's'], ['SMEMBERS', 's']);
  same(
    'an intset replies in ascending numeric order, over the whole int64 range',
    ['SADD', 's', '5', '1', '10', '-3', '0', '9223372036854775807', '-9223372036854775808', '9007199254740993', '9007199254740992', '-9007199254740993'],
    ['SMEMBERS', 's'], ['OBJECT', 'ENCODING', 's'],
    ['SISMEMBER', 's', '9007199254740993'], ['SISMEMBER', 's', '9007199254740994'], ['SREM', 's', '9007199254740993', '0'], ['SMEMBERS', 's'],
  );
  same(
    'non-canonical integers are strings: the set becomes a hashtable',
    ['SADD', 'a', '1', '007'], ['OBJECT', 'ENCODING', 'a'], ['SADD', 'b', '1', '+1'], ['OBJECT', 'ENCODING', 'b'],
    ['SADD', 'c', '-0'], ['OBJECT', 'ENCODING', 'c'], ['SADD', 'd', '9223372036854775808'], ['OBJECT', 'ENCODING', 'd'],
    ['SADD', 'e', '1.0'], ['OBJECT', 'ENCODING', 'e'], ['SADD', 'f', ' 1'], ['OBJECT', 'ENCODING', 'f'], ['SADD', 'g', 'x', '1'], ['OBJECT', 'ENCODING', 'g'],
    ['SISMEMBER', 'a', '7'], ['SISMEMBER', 'a', '007'], ['SCARD', 'a'],
  );
  same(
    'membership probes of an intset with non-integers',
    ['SADD', 's', '1', '2', '3'], ['SISMEMBER', 's', '01'], ['SISMEMBER', 's', '+1'], ['SISMEMBER', 's', '1'], ['SISMEMBER', 's', 'x'],
    ['SMISMEMBER', 's', '1', 'x', '3', '4', '-0'], ['SMISMEMBER', 'nokey', '1', '2'], ['SISMEMBER', 'nokey', '1'], ['SCARD', 'nokey'], ['SMEMBERS', 'nokey'],
  );
  same('SREM counts removed members; the key goes with its last member', ['SADD', 's', 'a', 'b', 'c'], ['SREM', 's', 'a', 'zz', 'a'], ['SCARD', 's'], ['SREM', 's', 'b', 'c', 'd'], ['EXISTS', 's'], ['SREM', 's', 'b'], ['SREM', 'nokey', 'a']);
  same('SREM on an intset', ['SADD', 's', '1', '2', '3'], ['SREM', 's', '2', 'x', '02'], ['SMEMBERS', 's'], ['OBJECT', 'ENCODING', 's']);
  same('members are binary-safe', ['SADD', 's', 'a\x00\xff\r\n'], ['SISMEMBER', 's', 'a\x00\xff\r\n'], ['SMEMBERS', 's'], ['SREM', 's', 'a\x00\xff\r\n'], ['EXISTS', 's']);
  same('arity errors', ['SADD', 's'], ['SREM', 's'], ['SMISMEMBER', 's'], ['SISMEMBER', 's'], ['SCARD'], ['SMEMBERS']);
  same3('SMEMBERS is a set in RESP3; membership answers are integers', ['SADD', 's', '2', '1'], ['SMEMBERS', 's'], ['SMEMBERS', 'nokey'], ['SISMEMBER', 's', '1'], ['SMISMEMBER', 's', '1', '5']);
  same(
    'every set command answers WRONGTYPE on another type',
    ['SET', 'k', 'v'], ['SADD', 'ok', '1'],
    ['SADD', 'k', '1'], ['SREM', 'k', '1'], ['SMEMBERS', 'k'], ['SISMEMBER', 'k', '1'], ['SMISMEMBER', 'k', '1'], ['SCARD', 'k'],
    ['SPOP', 'k'], ['SPOP', 'k', '1'], ['SPOP', 'k', '0'], ['SRANDMEMBER', 'k'], ['SRANDMEMBER', 'k', '2'], ['SRANDMEMBER', 'k', '0'],
    ['SMOVE', 'k', 'ok', '1'], ['SMOVE', 'ok', 'k', '1'], ['SINTER', 'ok', 'k'], ['SINTER', 'nokey', 'k'], ['SINTERCARD', '2', 'nokey', 'k'],
    ['SINTERSTORE', 'd', 'nokey', 'k'], ['SUNION', 'ok', 'k'], ['SUNIONSTORE', 'd', 'k'], ['SDIFF', 'nokey', 'k'], ['SDIFFSTORE', 'd', 'ok', 'k'],
    ['SSCAN', 'k', '0'], ['EXISTS', 'd'], ['GET', 'k'],
  );
});

describe('sets: intset and hashtable encodings', () => {
  same('512 integers stay an intset; the 513th converts it for good', saddMany('s', 512), ['OBJECT', 'ENCODING', 's'], ['SMEMBERS', 's'], ['SADD', 's', '512'], ['OBJECT', 'ENCODING', 's'], ['SREM', 's', '512', '0', '1'], ['OBJECT', 'ENCODING', 's'], ['SCARD', 's']);
  eachServer('set-max-intset-entries is read from the config', async (c) => {
    const old = ((await c.call('CONFIG', 'GET', 'set-max-intset-entries')) as string[])[1];
    try {
      await c.call('CONFIG', 'SET', 'set-max-intset-entries', '3');
      await c.call('SADD', 's', '1', '2', '3');
      expect(await c.call('OBJECT', 'ENCODING', 's')).to.equal('intset');
      await c.call('SADD', 's', '4');
      expect(await c.call('OBJECT', 'ENCODING', 's')).to.equal('hashtable');
      await c.call('CONFIG', 'SET', 'set-max-intset-entries', '0');
      await c.call('SADD', 'z', '1');
      expect(await c.call('OBJECT', 'ENCODING', 'z')).to.equal('hashtable');
    } finally {
      await c.call('CONFIG', 'SET', 'set-max-intset-entries', old);
    }
  });
  eachServer('a big hashtable set answers the same once sorted', async (c) => {
    await c.call(...saddMany('s', 1000, 'm'));
    await c.call('SREM', 's', 'm5', 'm999');
    await c.call('SADD', 's', 'new', 'm1');
    const expected = range(0, 999, 'm').filter((m) => m !== 'm5');
    expected.push('new');
    expect(await sorted(c, 'SMEMBERS', 's')).to.deep.equal(expected.sort());
    expect(await c.call('SCARD', 's')).to.equal(999);
    expect(await c.call('SMISMEMBER', 's', 'm5', 'm6', 'new')).to.deep.equal([0, 1, 1]);
  });
  it('COPY of a set is independent of the original', async () => {
    await compare(['SADD', 's', '1', '2'], ['COPY', 's', 't'], ['SADD', 't', '3'], ['SREM', 's', '1'], ['SMEMBERS', 's'], ['SMEMBERS', 't'], ['OBJECT', 'ENCODING', 't']);
  });
});

describe('sets: SPOP and SRANDMEMBER', () => {
  same(
    'argument errors and empty answers',
    ['SADD', 's', '1', '2', '3'],
    ['SPOP', 's', '-1'], ['SPOP', 's', 'abc'], ['SPOP', 's', '9223372036854775808'], ['SPOP', 's', '1', '2'], ['SPOP', 'nokey', '-1'],
    ['SPOP', 'nokey'], ['SPOP', 'nokey', '3'], ['SPOP', 's', '0'], ['SPOP', 'nokey', '0'],
    ['SRANDMEMBER', 's', '-9223372036854775808'], ['SRANDMEMBER', 's', '9223372036854775808'], ['SRANDMEMBER', 's', 'abc'], ['SRANDMEMBER', 's', '1', '2'],
    ['SRANDMEMBER', 'nokey'], ['SRANDMEMBER', 'nokey', '3'], ['SRANDMEMBER', 'nokey', '-9223372036854775808'], ['SRANDMEMBER', 's', '0'], ['SCARD', 's'],
  );
  same3('RESP3: SPOP with a count is a set, SRANDMEMBER an array', ['SADD', 's', '1', '2', '3'], ['SPOP', 'nokey'], ['SPOP', 'nokey', '2'], ['SPOP', 's', '0'], ['SRANDMEMBER', 's', '3'], ['SRANDMEMBER', 'nokey', '2'], ['SRANDMEMBER', 'nokey'], ['SPOP', 's', '3']);
  same('a count at least the size answers the whole intset in order', ['SADD', 's', '3', '1', '2'], ['SRANDMEMBER', 's', '3'], ['SRANDMEMBER', 's', '9223372036854775807'], ['SPOP', 's', '5'], ['EXISTS', 's']);
  same('one-member sets are deterministic', ['SADD', 's', 'only'], ['SRANDMEMBER', 's'], ['SRANDMEMBER', 's', '1'], ['SRANDMEMBER', 's', '-3'], ['SPOP', 's'], ['EXISTS', 's']);
  for (const [label, prefix, size] of [['intset', '', 20], ['hashtable', 'm', 20], ['big hashtable', 'm', 1000]] as const) {
    eachServer(`SRANDMEMBER invariants (${label})`, async (c) => {
      await c.call(...saddMany('s', size, prefix));
      const all = new Set(range(0, size, prefix));
      expect(all.has((await c.call('SRANDMEMBER', 's')) as string)).to.equal(true);
      const distinct = (await c.call('SRANDMEMBER', 's', 7)) as string[];
      expect(distinct).to.have.length(7);
      expect(new Set(distinct).size).to.equal(7);
      for (const m of distinct) expect(all.has(m)).to.equal(true);
      const most = (await c.call('SRANDMEMBER', 's', size - 1)) as string[];
      expect(new Set(most).size).to.equal(size - 1);
      const repeats = (await c.call('SRANDMEMBER', 's', -3 * size)) as string[];
      expect(repeats).to.have.length(3 * size);
      for (const m of repeats) expect(all.has(m)).to.equal(true);
      expect(new Set(repeats).size).to.be.below(3 * size);
      expect(await c.call('SCARD', 's')).to.equal(size);
    });
    eachServer(`SPOP invariants (${label})`, async (c) => {
      await c.call(...saddMany('s', size, prefix));
      const left = new Set(range(0, size, prefix));
      const one = (await c.call('SPOP', 's')) as string;
      expect(left.delete(one)).to.equal(true);
      const some = (await c.call('SPOP', 's', 5)) as string[];
      expect(some).to.have.length(5);
      for (const m of some) expect(left.delete(m), m).to.equal(true);
      const most = (await c.call('SPOP', 's', size - 8)) as string[];
      for (const m of most) expect(left.delete(m), m).to.equal(true);
      expect(await sorted(c, 'SMEMBERS', 's')).to.deep.equal([...left].sort());
      const rest = (await c.call('SPOP', 's', 10)) as string[];
      expect(rest.slice().sort()).to.deep.equal([...left].sort());
      expect(await c.call('EXISTS', 's')).to.equal(0);
    });
  }
});

describe('sets: SMOVE', () => {
  same(
    'SMOVE between sets, to a new key, and no-ops',
    ['SADD', 's', '1', '2', '3'], ['SADD', 'd3', 'a'],
    ['SMOVE', 's', 'd', '9'], ['SMOVE', 's', 'd', '1'], ['SMEMBERS', 'd'], ['OBJECT', 'ENCODING', 'd'],
    ['SMOVE', 's', 'd3', '2'], ['OBJECT', 'ENCODING', 'd3'], ['SMOVE', 's', 'd', '3'], ['EXISTS', 's'], ['SMEMBERS', 'd'],
    ['SADD', 'x', '1'], ['SMOVE', 'x', 'd', '1'], ['EXISTS', 'x'], ['SMEMBERS', 'd'],
  );
  same(
    'SMOVE with the same source and destination, missing keys and wrong types',
    ['SADD', 's', '1', '2'], ['SET', 'str', 'v'],
    ['SMOVE', 's', 's', '1'], ['SMOVE', 's', 's', '9'], ['SMEMBERS', 's'],
    ['SMOVE', 'nokey', 'str', '1'], ['SMOVE', 'nokey', 'nokey', '1'], ['SMOVE', 's', 'str', '1'], ['SMOVE', 'str', 's', '1'], ['SMOVE', 'str', 'str', '1'], ['SMEMBERS', 's'],
  );
  same('SMOVE keeps the TTLs of both keys', ['SADD', 's', '1', '2'], ['SADD', 'd', '5'], ['EXPIRE', 's', '100'], ['EXPIRE', 'd', '200'], ['SMOVE', 's', 'd', '1'], ['TTL', 's'], ['TTL', 'd']);
});

describe('sets: SINTER, SUNION, SDIFF and their STORE / CARD forms', () => {
  same(
    'on intsets the results are ascending',
    ['SADD', 'a', '5', '1', '10', '-3', '7'], ['SADD', 'b', '10', '5', '7', '99'], ['SADD', 'c', '7', '10', '1000'],
    ['SINTER', 'a', 'b'], ['SINTER', 'a', 'b', 'c'], ['SINTER', 'a'], ['SINTER', 'a', 'a'], ['SUNION', 'a', 'b', 'c'], ['SUNION', 'c', 'nokey'],
    ['SDIFF', 'a', 'b'], ['SDIFF', 'b', 'a', 'c'], ['SDIFF', 'a', 'a'], ['SDIFF', 'a', 'b', 'a'], ['SDIFF', 'a', 'nokey'], ['SDIFF', 'nokey', 'a'],
  );
  same(
    'a missing key empties an intersection',
    ['SADD', 'a', '1', '2'], ['SINTER', 'a', 'nokey'], ['SINTER', 'nokey', 'a'], ['SINTERCARD', '2', 'a', 'nokey'], ['SUNION', 'nokey'], ['SDIFF', 'nokey'],
  );
  same3('RESP3: the algebra replies are sets', ['SADD', 'a', '1', '2'], ['SADD', 'b', '2', '3'], ['SINTER', 'a', 'b'], ['SUNION', 'a', 'b'], ['SDIFF', 'a', 'b'], ['SINTER', 'a', 'nokey'], ['SUNION', 'nokey'], ['SDIFF', 'nokey'], ['SINTERCARD', '2', 'a', 'b']);
  same(
    'STORE forms: result size, encoding, and deletion of the destination when empty',
    ['SADD', 'a', '1', '2', '3'], ['SADD', 'b', '2', '3', '4'], ['SADD', 'm', 'x', 'y'],
    ['SINTERSTORE', 'i', 'a', 'b'], ['SMEMBERS', 'i'], ['OBJECT', 'ENCODING', 'i'],
    ['SUNIONSTORE', 'u', 'a', 'b'], ['SMEMBERS', 'u'], ['OBJECT', 'ENCODING', 'u'], ['SUNIONSTORE', 'um', 'a', 'm'], ['OBJECT', 'ENCODING', 'um'], ['SCARD', 'um'],
    ['SDIFFSTORE', 'd', 'a', 'b'], ['SMEMBERS', 'd'],
    ['SINTERSTORE', 'i', 'a', 'nokey'], ['EXISTS', 'i'], ['SINTERSTORE', 'i', 'a', 'm'], ['EXISTS', 'i'],
    ['SUNIONSTORE', 'u', 'nokey'], ['EXISTS', 'u'], ['SDIFFSTORE', 'd', 'a', 'a'], ['EXISTS', 'd'], ['SDIFFSTORE', 'd', 'nokey', 'a'],
    ['SINTERSTORE', 'a', 'a', 'b'], ['SMEMBERS', 'a'], ['SUNIONSTORE', 'b', 'b'], ['SMEMBERS', 'b'],
  );
  same(
    'STORE forms overwrite other types and drop the TTL; an empty result deletes any type',
    ['SADD', 'a', '1', '2'], ['SET', 'str', 'v'], ['RPUSH', 'list', 'x'], ['HSET', 'hash', 'f', 'v'], ['SADD', 'ttl', '9'], ['EXPIRE', 'ttl', '100'],
    ['SINTERSTORE', 'str', 'a'], ['TYPE', 'str'], ['SUNIONSTORE', 'list', 'a'], ['TYPE', 'list'], ['SDIFFSTORE', 'ttl', 'a'], ['TTL', 'ttl'], ['SMEMBERS', 'ttl'],
    ['SINTERSTORE', 'hash', 'nokey'], ['EXISTS', 'hash'], ['SET', 'str2', 'v'], ['SDIFFSTORE', 'str2', 'a', 'a'], ['EXISTS', 'str2'],
    ['SET', 'src', 'v'], ['SINTERSTORE', 'dst', 'src'], ['SUNIONSTORE', 'dst', 'a', 'src'], ['EXISTS', 'dst'],
  );
  same(
    'SDIFFSTORE picks Redis\'s algorithm: copy-then-remove leaves a hashtable',
    saddMany('big', 600), saddMany('o1', 50), saddMany('o2', 50, '', 50), saddMany('o3', 50, '', 100), saddMany('o4', 50, '', 150),
    ['SDIFFSTORE', 'd', 'big', 'o1', 'o2', 'o3', 'o4'], ['OBJECT', 'ENCODING', 'd'], ['SCARD', 'd'],
    ['SDIFFSTORE', 'e', 'big', 'o1'], ['OBJECT', 'ENCODING', 'e'], ['SCARD', 'e'],
    saddMany('o5', 150, '', 150), ['SDIFFSTORE', 'f', 'big', 'o1', 'o2', 'o3', 'o5'], ['OBJECT', 'ENCODING', 'f'], ['SCARD', 'f'],
    ['SUNIONSTORE', 'g', 'o1', 'o2'], ['OBJECT', 'ENCODING', 'g'], ['SMEMBERS', 'g'],
  );
  eachServer('hashtable results compared sorted', async (c) => {
    await c.call(...saddMany('a', 700, 'm'));
    await c.call(...saddMany('b', 700, 'm', 300));
    await c.call('SADD', 'c', 'm350', 'm650', 'm999', 'zz');
    expect(await sorted(c, 'SINTER', 'a', 'b')).to.deep.equal(range(300, 700, 'm').sort());
    expect(await sorted(c, 'SINTER', 'a', 'b', 'c')).to.deep.equal(['m350', 'm650']);
    expect(await sorted(c, 'SUNION', 'a', 'b', 'c')).to.deep.equal([...range(0, 1000, 'm'), 'zz'].sort());
    expect(await sorted(c, 'SDIFF', 'a', 'b')).to.deep.equal(range(0, 300, 'm').sort());
    expect(await sorted(c, 'SDIFF', 'c', 'a', 'b')).to.deep.equal(['zz']);
    expect(await c.call('SINTERSTORE', 'i', 'a', 'b')).to.equal(400);
    expect(await c.call('SUNIONSTORE', 'u', 'a', 'b')).to.equal(1000);
    expect(await c.call('SDIFFSTORE', 'd', 'a', 'b')).to.equal(300);
    expect(await sorted(c, 'SMEMBERS', 'd')).to.deep.equal(range(0, 300, 'm').sort());
    expect(await c.call('SINTERCARD', '2', 'a', 'b')).to.equal(400);
    expect(await c.call('SINTERCARD', '3', 'a', 'b', 'c', 'LIMIT', '1')).to.equal(1);
  });
  same(
    'SINTERCARD: LIMIT and argument errors',
    ['SADD', 'a', '1', '2', '3', '4'], ['SADD', 'b', '2', '3', '4', '5'],
    ['SINTERCARD', '2', 'a', 'b'], ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '0'], ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '2'], ['SINTERCARD', '2', 'a', 'b', 'limit', '100'],
    ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '1', 'LIMIT', '5'], ['SINTERCARD', '1', 'a'], ['SINTERCARD', '1', 'a', 'b'],
    ['SINTERCARD', '0', 'a'], ['SINTERCARD', '-1', 'a'], ['SINTERCARD', 'x', 'a'], ['SINTERCARD', '9223372036854775808', 'a'], ['SINTERCARD', '3', 'a', 'b'],
    ['SINTERCARD', '2', 'a', 'b', 'LIMIT'], ['SINTERCARD', '2', 'a', 'b', 'LIMIT', '-1'], ['SINTERCARD', '2', 'a', 'b', 'LIMIT', 'x'], ['SINTERCARD', '2', 'a', 'b', 'FOO', '1'],
    ['SINTERCARD', '1'], ['SINTERCARD', '2', 'nokey', 'a'],
  );
  same('COMMAND GETKEYS of SINTERCARD', ['COMMAND', 'GETKEYS', 'SINTERCARD', '2', 'a', 'b', 'LIMIT', '1'], ['COMMAND', 'GETKEYS', 'SINTERSTORE', 'd', 'a', 'b'], ['COMMAND', 'GETKEYS', 'SMOVE', 'a', 'b', 'm']);
});

describe('sets: SSCAN', () => {
  same(
    'an intset comes whole with cursor 0; MATCH filters',
    ['SADD', 's', '10', '1', '100', '2'], ['SSCAN', 's', '0'], ['SSCAN', 's', '0', 'MATCH', '1*'], ['SSCAN', 's', '77', 'COUNT', '1'], ['SSCAN', 'nokey', '0'],
    ['SSCAN', 's', 'x'], ['SSCAN', 's', '0', 'COUNT', '0'], ['SSCAN', 's', '0', 'TYPE', 'set'], ['SSCAN', 'nokey', '0', 'BAD'],
  );
  eachServer('a hashtable scan returns every member present throughout, despite writes', async (c) => {
    await c.call(...saddMany('s', 1000, 'm'));
    const seen = new Set<string>();
    let cursor = '0';
    let round = 0;
    do {
      const [next, batch] = (await c.call('SSCAN', 's', cursor, 'COUNT', '25')) as [string, string[]];
      for (const m of batch) seen.add(m);
      await c.call('SADD', 's', `extra${round}`);
      await c.call('SREM', 's', `m${999 - round}`);
      // SPOP moves members around in Respite's member array: the scan must not care.
      await c.call('SADD', 's', `popme${round}`);
      round++;
      cursor = next;
    } while (cursor !== '0');
    for (let i = 0; i < 1000 - round; i++) expect(seen.has(`m${i}`), `m${i}`).to.equal(true);
    expect(round).to.be.greaterThan(5);
  });
});

describe('sets: keyspace side effects', () => {
  same('writes keep the TTL', ['SADD', 's', '1', '2', '3'], ['EXPIRE', 's', '100'], ['SADD', 's', 'x'], ['SREM', 's', '1'], ['SMOVE', 's', 'd', '2'], ['TTL', 's']);
  eachServer('SPOP keeps the TTL', async (c) => {
    await c.call('SADD', 's', '1', '2', '3', 'a', 'b');
    await c.call('EXPIRE', 's', '100');
    await c.call('SPOP', 's');
    await c.call('SPOP', 's', '2');
    expect(await c.call('TTL', 's')).to.equal(100);
  });
  twin('keyspace events: new, sadd, srem, spop, smove, stores, del', (c, open) =>
    events(c, open, 'KEAn', async () => {
      await c.call('SADD', 's', 'a', 'b', 'c');
      await c.call('SADD', 's', 'a');
      await c.call('SREM', 's', 'zz');
      await c.call('SMOVE', 's', 'd', 'a');
      await c.call('SMOVE', 's', 'd', 'zz');
      await c.call('SMOVE', 's', 's', 'b');
      await c.call('SADD', 'p', '1');
      await c.call('SMOVE', 'p', 'd', '1');
      await c.call('SADD', 'n', '1', '2');
      await c.call('SPOP', 'n', '0');
      await c.call('SPOP', 'n', '5');
      await c.call('SINTERSTORE', 'i', 's', 's');
      await c.call('SINTERSTORE', 'i', 's', 'd');
      await c.call('SUNIONSTORE', 'i', 's', 'nokey');
      await c.call('SDIFFSTORE', 'i', 's', 's');
      await c.call('SDIFFSTORE', 'i', 's', 's');
      await c.call('SET', 'str', 'v');
      await c.call('SINTERSTORE', 'str', 'nokey');
    }),
  );
  twin('reads of missing keys fire keymiss (class m), store forms too; writes do not', (c, open) =>
    events(c, open, 'KEm', async () => {
      await c.call('SADD', 's', '1');
      for (const cmd of [['SMEMBERS', 'ns'], ['SISMEMBER', 'ns', 'a'], ['SMISMEMBER', 'ns', 'a'], ['SCARD', 'ns'], ['SRANDMEMBER', 'ns'], ['SRANDMEMBER', 'ns', '2'], ['SSCAN', 'ns', '0'], ['SINTER', 'ns', 's'], ['SINTERCARD', '2', 's', 'n2'], ['SINTERSTORE', 'd', 'n3', 's'], ['SUNION', 'n4'], ['SUNIONSTORE', 'd', 'n5'], ['SDIFF', 's', 'n6'], ['SDIFFSTORE', 'd', 'n7', 's'], ['SPOP', 'ns'], ['SPOP', 'ns', '2'], ['SMOVE', 'ns', 'd', '1'], ['SREM', 'ns', 'a'], ['SADD', 'n8', '1']]) {
        await c.call(...cmd);
      }
    }),
  );
  eachServer('SREM of a missing member does not touch a watched set; SADD does', async (c, open) => {
    await c.call('SADD', 's', 'a');
    await c.call('WATCH', 's');
    const other = await open();
    await other.call('SREM', 's', 'zz');
    await other.call('SADD', 's', 'a');
    await c.call('MULTI');
    await c.call('SCARD', 's');
    expect(await c.call('EXEC')).to.deep.equal([1]);
    await c.call('WATCH', 's');
    await other.call('SADD', 's', 'b');
    await c.call('MULTI');
    await c.call('SCARD', 's');
    expect(await c.call('EXEC')).to.equal(null);
  });
});
