/**
 * Hash commands against real Redis 7.0: byte-for-byte twins while the hash is a listpack (its order
 * is insertion order, which Respite reproduces), sorted comparisons once it is a hashtable (Redis's
 * dict order cannot be reproduced), and invariants for the random HRANDFIELD.
 */
import { expect, same, eachServer, compare, Conn, Cmd } from '../helpers';
import { same3 } from '../helpers';
import { twin } from '../pubsub/util';
import { events } from '../keyspace/events';

const LONG64 = 'x'.repeat(64);
const LONG65 = 'y'.repeat(65);

/** HSET key f0 v0 … f(n-1) v(n-1). */
function hsetMany(key: string, n: number, prefix = 'f'): Cmd {
  const cmd: Cmd = ['HSET', key];
  for (let i = 0; i < n; i++) cmd.push(`${prefix}${i}`, `v${i}`);
  return cmd;
}

/** HGETALL as sorted "field=value" strings (for hashtables, whose order is Redis's dict order). */
async function sortedPairs(c: Conn, key: string): Promise<string[]> {
  const flat = (await c.call('HGETALL', key)) as string[];
  const out: string[] = [];
  for (let i = 0; i < flat.length; i += 2) out.push(`${flat[i]}=${flat[i + 1]}`);
  return out.sort();
}

/** Runs `fn` with a config parameter changed, restoring it afterwards. */
async function withConfig(c: Conn, name: string, value: string, fn: () => Promise<void>): Promise<void> {
  const old = ((await c.call('CONFIG', 'GET', name)) as string[])[1];
  await c.call('CONFIG', 'SET', name, value);
  try {
    await fn();
  } finally {
    await c.call('CONFIG', 'SET', name, old);
  }
}

describe('hashes: HSET, HMSET, HSETNX, HGET, HMGET', () => {
  same('HSET counts only new fields; updates keep their position', ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3'], ['HSET', 'h', 'b', 'x', 'd', '4', 'a', 'y'], ['HGETALL', 'h'], ['HKEYS', 'h'], ['HVALS', 'h'], ['HLEN', 'h']);
  same('a field repeated in one HSET counts once and keeps the last value', ['HSET', 'h', 'a', '1', 'a', '2', 'b', '3', 'a', '4'], ['HGETALL', 'h']);
  same('HSET and HMSET need field/value pairs', ['HSET', 'h', 'a'], ['HSET', 'h', 'a', '1', 'b'], ['HMSET', 'h', 'a'], ['HMSET', 'h', 'a', '1', 'b'], ['HSET', 'h'], ['hset', 'h', 'a', '1', 'b'], ['EXISTS', 'h']);
  same('HMSET answers OK', ['HMSET', 'h', 'a', '1', 'b', '2'], ['HMSET', 'h', 'a', '3'], ['HGETALL', 'h']);
  same('HSETNX sets only absent fields', ['HSETNX', 'h', 'a', '1'], ['HSETNX', 'h', 'a', '2'], ['HSETNX', 'h', 'b', '3'], ['HGETALL', 'h'], ['HSETNX', 'h', 'a']);
  same('HGET and HMGET: missing fields and keys are nil', ['HSET', 'h', 'a', '1'], ['HGET', 'h', 'a'], ['HGET', 'h', 'zz'], ['HGET', 'nokey', 'a'], ['HMGET', 'h', 'a', 'zz', 'a'], ['HMGET', 'nokey', 'a', 'b']);
  same3('nil replies in RESP3', ['HSET', 'h', 'a', '1'], ['HGET', 'h', 'zz'], ['HMGET', 'h', 'a', 'zz'], ['HRANDFIELD', 'nokey']);
  same('fields and values are binary-safe', ['HSET', 'h', 'a\x00\xff\r\n', 'v\x00\r\n\xfe', '', 'empty'], ['HGET', 'h', 'a\x00\xff\r\n'], ['HGET', 'h', ''], ['HGETALL', 'h'], ['HSTRLEN', 'h', 'a\x00\xff\r\n'], ['HDEL', 'h', ''], ['HGETALL', 'h']);
  same('integer-looking values read back unchanged', ['HSET', 'h', 'a', '12', 'b', '-0', 'c', '007', 'd', '9223372036854775808', 'e', '-9223372036854775808'], ['HGETALL', 'h'], ['HSTRLEN', 'h', 'c'], ['HSTRLEN', 'h', 'e']);
});

describe('hashes: reading', () => {
  same('HGETALL, HKEYS, HVALS of a missing key', ['HGETALL', 'nokey'], ['HKEYS', 'nokey'], ['HVALS', 'nokey']);
  same3('HGETALL is a map in RESP3', ['HSET', 'h', 'a', '1', 'b', '2'], ['HGETALL', 'h'], ['HGETALL', 'nokey'], ['HKEYS', 'h'], ['HVALS', 'nokey']);
  same('HLEN, HEXISTS, HSTRLEN', ['HSET', 'h', 'a', 'hello', 'b', ''], ['HLEN', 'h'], ['HLEN', 'nokey'], ['HEXISTS', 'h', 'a'], ['HEXISTS', 'h', 'zz'], ['HEXISTS', 'nokey', 'a'], ['HSTRLEN', 'h', 'a'], ['HSTRLEN', 'h', 'b'], ['HSTRLEN', 'h', 'zz'], ['HSTRLEN', 'nokey', 'a']);
  same3('HEXISTS answers an integer in RESP3', ['HSET', 'h', 'a', '1'], ['HEXISTS', 'h', 'a'], ['HEXISTS', 'h', 'b']);
  same(
    'every hash command answers WRONGTYPE on another type',
    ['SET', 's', 'v'],
    ['HSET', 's', 'a', '1'], ['HMSET', 's', 'a', '1'], ['HSETNX', 's', 'a', '1'], ['HGET', 's', 'a'], ['HMGET', 's', 'a'],
    ['HGETALL', 's'], ['HKEYS', 's'], ['HVALS', 's'], ['HLEN', 's'], ['HEXISTS', 's', 'a'], ['HSTRLEN', 's', 'a'],
    ['HDEL', 's', 'a'], ['HINCRBY', 's', 'a', '1'], ['HINCRBYFLOAT', 's', 'a', '1'], ['HRANDFIELD', 's'],
    ['HRANDFIELD', 's', '2'], ['HRANDFIELD', 's', '0'], ['HRANDFIELD', 's', '-2', 'WITHVALUES'], ['HSCAN', 's', '0'], ['GET', 's'],
  );
});

describe('hashes: HDEL', () => {
  same('HDEL counts removed fields and keeps the order of the rest', ['HSET', 'h', 'a', '1', 'b', '2', 'c', '3', 'd', '4'], ['HDEL', 'h', 'b', 'zz', 'b'], ['HGETALL', 'h'], ['HSET', 'h', 'b', '5'], ['HGETALL', 'h']);
  same('the key goes with its last field', ['HSET', 'h', 'a', '1', 'b', '2'], ['HDEL', 'h', 'a', 'b', 'c'], ['EXISTS', 'h'], ['HDEL', 'h', 'a'], ['HDEL', 'nokey', 'a'], ['HLEN', 'h']);
  same('HDEL needs a field', ['HDEL', 'h']);
});

describe('hashes: HINCRBY, HINCRBYFLOAT', () => {
  same(
    'HINCRBY creates, adds, and refuses non-integers and overflow',
    ['HINCRBY', 'h', 'n', '5'], ['HINCRBY', 'h', 'n', '-7'], ['HGET', 'h', 'n'],
    ['HSET', 'h', 's', 'abc', 'sp', ' 1', 'z', '007', 'max', '9223372036854775807', 'min', '-9223372036854775808'],
    ['HINCRBY', 'h', 's', '1'], ['HINCRBY', 'h', 'sp', '1'], ['HINCRBY', 'h', 'z', '1'],
    ['HINCRBY', 'h', 'max', '1'], ['HINCRBY', 'h', 'max', '0'], ['HINCRBY', 'h', 'max', '-1'], ['HINCRBY', 'h', 'min', '-1'], ['HINCRBY', 'h', 'min', '9223372036854775807'],
    ['HINCRBY', 'h', 'n', 'x'], ['HINCRBY', 'h', 'n', '1.5'], ['HINCRBY', 'h', 'n', '9223372036854775808'], ['HINCRBY', 'nokey', 'n', 'x'], ['EXISTS', 'nokey'],
    ['HGETALL', 'h'],
  );
  same(
    'HINCRBYFLOAT prints long double results as Redis does',
    ['HINCRBYFLOAT', 'h', 'a', '0.1'], ['HINCRBYFLOAT', 'h', 'a', '0.2'],
    ['HINCRBYFLOAT', 'h', 'b', '10.5'], ['HINCRBYFLOAT', 'h', 'b', '0.1'],
    ['HINCRBYFLOAT', 'big1', 'c', '1e300'], ['HINCRBYFLOAT', 'h', 'd', '1.5e-20'], ['HINCRBYFLOAT', 'h', 'e', '-1e-20'],
    ['HINCRBYFLOAT', 'h', 'f', '0x10'], ['HINCRBYFLOAT', 'h', 'g', '3.0e3'], ['HINCRBYFLOAT', 'h', 'i', '.5'], ['HINCRBYFLOAT', 'h', 'j', '5.'],
    ['HINCRBYFLOAT', 'h', 'k', '-.5e1'], ['HINCRBYFLOAT', 'h', 'l', '1.23456789012345678'], ['HINCRBYFLOAT', 'h', 'm', '123456789012345678901234567890.12'],
    ['HSET', 'h', 'n', '1e2', 'o', '7'], ['HINCRBYFLOAT', 'h', 'n', '1'], ['HINCRBYFLOAT', 'h', 'o', '-7'],
    ['HINCRBYFLOAT', 'big2', 'p', '1.7976931348623157e308'], ['HINCRBYFLOAT', 'big2', 'p', '1.7976931348623157e308'],
    ['HGETALL', 'h'], ['OBJECT', 'ENCODING', 'big1'],
  );
  same(
    'HINCRBYFLOAT errors',
    ['HSET', 'h', 's', 'abc', 'i', 'inf', 'n', 'nan'],
    ['HINCRBYFLOAT', 'h', 'x', 'abc'], ['HINCRBYFLOAT', 'h', 'x', ' 1'], ['HINCRBYFLOAT', 'h', 'x', '1 '], ['HINCRBYFLOAT', 'h', 'x', ''],
    ['HINCRBYFLOAT', 'h', 'x', 'inf'], ['HINCRBYFLOAT', 'h', 'x', '-Infinity'], ['HINCRBYFLOAT', 'h', 'x', 'nan'],
    ['HINCRBYFLOAT', 'h', 'x', '1e5000'], ['HINCRBYFLOAT', 'h', 'x', '1e-5000'],
    ['HINCRBYFLOAT', 'h', 's', '1'], ['HINCRBYFLOAT', 'h', 'i', '1'], ['HINCRBYFLOAT', 'h', 'n', '1'],
    ['HINCRBYFLOAT', 'h', 'big', '1.18e4932'], ['HINCRBYFLOAT', 'h', 'big', '1.18e4932'],
    ['HINCRBYFLOAT', 'nokey', 'x', 'abc'], ['EXISTS', 'nokey'], ['HLEN', 'h'],
  );
});

describe('hashes: listpack and hashtable encodings', () => {
  same('a small hash is a listpack in insertion order', hsetMany('h', 512), ['OBJECT', 'ENCODING', 'h'], ['HGETALL', 'h'], ['HDEL', 'h', 'f5', 'f77'], ['HSET', 'h', 'f5', 'again'], ['HKEYS', 'h'], ['OBJECT', 'ENCODING', 'h']);
  eachServer('the 513th field converts it to a hashtable for good', async (c) => {
    await c.call(...hsetMany('h', 512));
    expect(await c.call('OBJECT', 'ENCODING', 'h')).to.equal('listpack');
    await c.call('HSET', 'h', 'f512', 'v512');
    expect(await c.call('OBJECT', 'ENCODING', 'h')).to.equal('hashtable');
    expect(await c.call('HLEN', 'h')).to.equal(513);
    const expected = Array.from({ length: 513 }, (_, i) => `f${i}=v${i}`).sort();
    expect(await sortedPairs(c, 'h')).to.deep.equal(expected);
    const del: string[] = [];
    for (let i = 0; i < 512; i++) del.push(`f${i}`);
    expect(await c.call('HDEL', 'h', ...del)).to.equal(512);
    expect(await c.call('OBJECT', 'ENCODING', 'h')).to.equal('hashtable');
    expect(await c.call('HGETALL', 'h')).to.deep.equal(['f512', 'v512']);
  });
  same(
    'a field or value over 64 bytes converts it; exactly 64 does not',
    ['HSET', 'a', 'f', LONG64, LONG64, 'v'], ['OBJECT', 'ENCODING', 'a'],
    ['HSET', 'b', 'f', LONG65], ['OBJECT', 'ENCODING', 'b'], ['HGET', 'b', 'f'],
    ['HSET', 'c', LONG65, 'v'], ['OBJECT', 'ENCODING', 'c'],
    ['HSET', 'd', 'f', '1'], ['HSET', 'd', 'f', LONG65], ['OBJECT', 'ENCODING', 'd'],
  );
  same(
    'HSETNX of an existing field does not convert; HINCRBY/HINCRBYFLOAT with a long field do',
    ['HSET', 'h', 'a', '1'], ['HSETNX', 'h', 'a', LONG65], ['OBJECT', 'ENCODING', 'h'], ['HSETNX', 'h', 'b', LONG65], ['OBJECT', 'ENCODING', 'h'],
    ['HSET', 'i', 'a', '1'], ['HINCRBY', 'i', LONG65, '1'], ['OBJECT', 'ENCODING', 'i'],
    ['HSET', 'j', 'a', '1'], ['HINCRBYFLOAT', 'j', LONG65, '1.5'], ['OBJECT', 'ENCODING', 'j'],
  );
  eachServer('hash-max-listpack-entries and -value are read from the config', async (c) => {
    await withConfig(c, 'hash-max-listpack-entries', '2', async () => {
      await c.call('HSET', 'h', 'a', '1', 'b', '2');
      expect(await c.call('OBJECT', 'ENCODING', 'h')).to.equal('listpack');
      await c.call('HSET', 'h', 'c', '3');
      expect(await c.call('OBJECT', 'ENCODING', 'h')).to.equal('hashtable');
    });
    await withConfig(c, 'hash-max-listpack-entries', '0', async () => {
      await c.call('HSET', 'z', 'a', '1');
      expect(await c.call('OBJECT', 'ENCODING', 'z')).to.equal('hashtable');
    });
    await withConfig(c, 'hash-max-listpack-value', '3', async () => {
      await c.call('HSET', 'v', 'abc', 'def');
      expect(await c.call('OBJECT', 'ENCODING', 'v')).to.equal('listpack');
      await c.call('HSET', 'v', 'g', 'hijk');
      expect(await c.call('OBJECT', 'ENCODING', 'v')).to.equal('hashtable');
    });
  });
  eachServer('long items in a listpack (hash-max-listpack-value raised) keep their bytes and order', async (c) => {
    await withConfig(c, 'hash-max-listpack-value', '100000', async () => {
      const sizes = [0, 1, 253, 254, 255, 256, 300, 65535, 65536, 70000];
      const cmd: Cmd = ['HSET', 'h'];
      for (const n of sizes) cmd.push(`f${n}`, '\xff'.repeat(n));
      cmd.push('\xff'.repeat(300), 'tail');
      await c.call(...cmd);
      expect(await c.call('OBJECT', 'ENCODING', 'h')).to.equal('listpack');
      await c.call('HDEL', 'h', 'f255');
      await c.call('HSET', 'h', 'f256', 'short', 'f1', 'z'.repeat(1000));
      const flat = (await c.call('HGETALL', 'h')) as string[];
      const expected: string[] = [];
      for (const n of sizes) {
        if (n === 255) continue;
        expected.push(`f${n}`, n === 256 ? 'short' : n === 1 ? 'z'.repeat(1000) : '\xff'.repeat(n));
      }
      expected.push('\xff'.repeat(300), 'tail');
      expect(flat.length).to.equal(expected.length);
      for (let i = 0; i < flat.length; i++) expect(flat[i] === expected[i], `item ${i}`).to.equal(true);
      expect(await c.call('HSTRLEN', 'h', 'f70000')).to.equal(70000);
      expect(await c.call('HGET', 'h', '\xff'.repeat(300))).to.equal('tail');
    });
  });
  eachServer('a big hash answers every command the same once sorted', async (c) => {
    await c.call(...hsetMany('h', 1000));
    await c.call('HDEL', 'h', 'f10', 'f500');
    await c.call('HSET', 'h', 'f1', 'changed', 'new', 'n');
    const expected = Array.from({ length: 1000 }, (_, i) => `f${i}=${i === 1 ? 'changed' : `v${i}`}`).filter((p) => !p.startsWith('f10=') && !p.startsWith('f500='));
    expected.push('new=n');
    expect(await sortedPairs(c, 'h')).to.deep.equal(expected.sort());
    expect(((await c.call('HKEYS', 'h')) as string[]).length).to.equal(999);
    expect(await c.call('HGET', 'h', 'f1')).to.equal('changed');
    expect(await c.call('HMGET', 'h', 'f10', 'f11')).to.deep.equal([null, 'v11']);
    expect(await c.call('HSTRLEN', 'h', 'f999')).to.equal(4);
  });
});

describe('hashes: HRANDFIELD', () => {
  same(
    'argument errors, zero and missing keys',
    ['HSET', 'h', 'a', '1'],
    ['HRANDFIELD', 'nokey'], ['HRANDFIELD', 'nokey', '5'], ['HRANDFIELD', 'nokey', '5', 'WITHVALUES'], ['HRANDFIELD', 'h', '0'], ['HRANDFIELD', 'h', '0', 'withvalues'],
    ['HRANDFIELD', 'h', 'abc'], ['HRANDFIELD', 'h', '1.5'], ['HRANDFIELD', 'h', '1', 'WITHVALUE'], ['HRANDFIELD', 'h', '1', 'WITHVALUES', 'x'],
    ['HRANDFIELD', 'h', '-9223372036854775808'], ['HRANDFIELD', 'h', '9223372036854775808'],
    ['HRANDFIELD', 'h', '4611686018427387904', 'WITHVALUES'], ['HRANDFIELD', 'h', '-4611686018427387904', 'WITHVALUES'],
    ['HRANDFIELD', 'nokey', '5000000000000000000', 'WITHVALUES'], ['HRANDFIELD', 'nokey', 'x', 'WITHVALUES'],
  );
  same('a count at least the size returns the whole listpack in order', ['HSET', 'h', 'c', '1', 'a', '2', 'b', '3'], ['HRANDFIELD', 'h', '3'], ['HRANDFIELD', 'h', '100', 'WITHVALUES'], ['HRANDFIELD', 'h', '9223372036854775807']);
  same3('RESP3: WITHVALUES pairs are 2-element arrays', ['HSET', 'h', 'c', '1', 'a', '2', 'b', '3'], ['HRANDFIELD', 'h', '3', 'WITHVALUES'], ['HRANDFIELD', 'h', '0', 'WITHVALUES'], ['HRANDFIELD', 'nokey', '2', 'WITHVALUES'], ['HRANDFIELD', 'nokey']);
  same('one field hashes are deterministic', ['HSET', 'h', 'a', '1'], ['HRANDFIELD', 'h'], ['HRANDFIELD', 'h', '1', 'WITHVALUES'], ['HRANDFIELD', 'h', '-3', 'WITHVALUES'], ['HRANDFIELD', 'h', '-1']);
  same3('one field hashes in RESP3', ['HSET', 'h', 'a', '1'], ['HRANDFIELD', 'h', '-2', 'WITHVALUES'], ['HRANDFIELD', 'h', '1', 'WITHVALUES'], ['HRANDFIELD', 'h', '-1']);
  for (const size of [5, 600]) {
    eachServer(`random picks are fields of the hash (${size} fields)`, async (c) => {
      await c.call(...hsetMany('h', size));
      const single = (await c.call('HRANDFIELD', 'h')) as string;
      expect(single).to.match(/^f\d+$/);
      const distinct = (await c.call('HRANDFIELD', 'h', 3)) as string[];
      expect(distinct).to.have.length(3);
      expect(new Set(distinct).size).to.equal(3);
      for (const f of distinct) expect(Number(f.slice(1))).to.be.below(size);
      const repeats = (await c.call('HRANDFIELD', 'h', -50)) as string[];
      expect(repeats).to.have.length(50);
      for (const f of repeats) expect(Number(f.slice(1))).to.be.below(size);
      const withValues = (await c.call('HRANDFIELD', 'h', size - 1, 'WITHVALUES')) as string[];
      expect(withValues).to.have.length(2 * (size - 1));
      for (let i = 0; i < withValues.length; i += 2) expect(withValues[i + 1]).to.equal('v' + withValues[i].slice(1));
      expect(new Set(withValues.filter((_, i) => i % 2 === 0)).size).to.equal(size - 1);
      await c.call('HELLO', '3');
      const pairs = (await c.call('HRANDFIELD', 'h', -4, 'WITHVALUES')) as string[][];
      expect(pairs).to.have.length(4);
      for (const [f, v] of pairs) expect(v).to.equal('v' + f.slice(1));
    });
  }
  eachServer('a negative count repeats fields', async (c) => {
    await c.call('HSET', 'h', 'a', '1', 'b', '2');
    const picks = (await c.call('HRANDFIELD', 'h', -200)) as string[];
    expect(picks).to.have.length(200);
    expect(new Set(picks)).to.deep.equal(new Set(['a', 'b']));
  });
});

describe('hashes: HSCAN', () => {
  same(
    'a listpack comes whole with cursor 0; MATCH filters fields and drops their values',
    ['HSET', 'h', 'foo', '1', 'bar', '2', 'food', '3'],
    ['HSCAN', 'h', '0'], ['HSCAN', 'h', '0', 'MATCH', 'foo*'], ['HSCAN', 'h', '0', 'COUNT', '1'], ['HSCAN', 'h', '123'], ['HSCAN', 'h', '0', 'MATCH', 'nomatch'],
    ['HSCAN', 'h', '0', 'match', 'a', 'count', '1', 'match', 'b*'], ['HSCAN', 'h', ''], ['HSCAN', 'h', '+0'],
  );
  same(
    'cursor and option errors, checked in Redis order',
    ['HSET', 'h', 'a', '1'], ['SET', 's', 'v'],
    ['HSCAN', 'h', 'x'], ['HSCAN', 'h', ' 0'], ['HSCAN', 'h', '-'], ['HSCAN', 'h', '18446744073709551616'], ['HSCAN', 'nokey', 'x'],
    ['HSCAN', 'nokey', '0', 'BAD'], ['HSCAN', 'h', '0', 'BAD'], ['HSCAN', 'h', '0', 'COUNT', '0'], ['HSCAN', 'h', '0', 'COUNT', '-1'], ['HSCAN', 'h', '0', 'COUNT', 'x'],
    ['HSCAN', 'h', '0', 'MATCH'], ['HSCAN', 'h', '0', 'TYPE', 'string'], ['HSCAN', 's', 'x'], ['HSCAN', 's', '0'], ['HSCAN', 'h'],
  );
  same3('HSCAN in RESP3', ['HSET', 'h', 'a', '1'], ['HSCAN', 'h', '0'], ['HSCAN', 'nokey', '0']);
  eachServer('a hashtable scan returns every field present throughout, despite writes', async (c) => {
    await c.call(...hsetMany('h', 1000));
    const seen = new Map<string, string>();
    let cursor = '0';
    let round = 0;
    do {
      const [next, batch] = (await c.call('HSCAN', 'h', cursor, 'COUNT', '20')) as [string, string[]];
      for (let i = 0; i < batch.length; i += 2) seen.set(batch[i], batch[i + 1]);
      // Writes during the scan: new fields and deletions of fields that may or may not be returned.
      await c.call('HSET', 'h', `extra${round}`, 'x');
      await c.call('HDEL', 'h', `f${999 - round}`);
      round++;
      cursor = next;
    } while (cursor !== '0');
    for (let i = 0; i < 1000 - round; i++) expect(seen.get(`f${i}`), `f${i}`).to.equal(`v${i}`);
    expect(round).to.be.greaterThan(5);
  });
  eachServer('HSCAN MATCH on a hashtable', async (c) => {
    await c.call(...hsetMany('h', 600));
    const fields: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = (await c.call('HSCAN', 'h', cursor, 'MATCH', 'f1?', 'COUNT', '50')) as [string, string[]];
      for (let i = 0; i < batch.length; i += 2) fields.push(batch[i]);
      cursor = next;
    } while (cursor !== '0');
    expect([...new Set(fields)].sort()).to.deep.equal(Array.from({ length: 10 }, (_, i) => `f1${i}`));
  });
});

describe('hashes: keyspace side effects', () => {
  same('writes keep the TTL', ['HSET', 'h', 'a', '1'], ['EXPIRE', 'h', '100'], ['HSET', 'h', 'b', '2'], ['HDEL', 'h', 'a'], ['HINCRBY', 'h', 'n', '1'], ['HINCRBYFLOAT', 'h', 'f', '1'], ['HSETNX', 'h', 'x', '1'], ['TTL', 'h']);
  twin('keyspace events: new, hset, hdel, del, hincrby, hincrbyfloat', (c, open) =>
    events(c, open, 'KEA', async () => {
      await c.call('HSET', 'h', 'a', '1');
      await c.call('HSET', 'h', 'a', '1');
      await c.call('HSETNX', 'h', 'a', '2');
      await c.call('HMSET', 'h', 'b', '2');
      await c.call('HDEL', 'h', 'zz');
      await c.call('HDEL', 'h', 'a', 'b');
      await c.call('HINCRBY', 'n', 'x', '1');
      await c.call('HINCRBYFLOAT', 'n', 'y', '1.5');
      await c.call('HINCRBY', 'n', 'x', 'bad');
      await c.call('HSET', 's', 'a');
    }),
  );
  twin('events of the n class: a hash created by HSETNX, HINCRBY', (c, open) =>
    events(c, open, 'KEAn', async () => {
      await c.call('HSETNX', 'h', 'a', '1');
      await c.call('HINCRBY', 'i', 'a', '1');
      await c.call('HINCRBYFLOAT', 'f', 'a', '1');
      await c.call('HSET', 'h', 'b', '2');
    }),
  );
  twin('reads of missing keys fire keymiss (class m); writes do not', (c, open) =>
    events(c, open, 'KEm', async () => {
      await c.call('HSET', 'h', 'a', '1');
      for (const cmd of [['HGET', 'nh', 'a'], ['HGET', 'h', 'a'], ['HMGET', 'nh', 'a'], ['HGETALL', 'nh'], ['HKEYS', 'nh'], ['HVALS', 'nh'], ['HLEN', 'nh'], ['HEXISTS', 'nh', 'a'], ['HSTRLEN', 'nh', 'a'], ['HRANDFIELD', 'nh'], ['HRANDFIELD', 'nh', '2'], ['HSCAN', 'nh', '0'], ['HDEL', 'nh', 'a'], ['HSETNX', 'n2', 'a', '1'], ['HINCRBY', 'n3', 'a', '1']]) {
        await c.call(...cmd);
      }
    }),
  );
  eachServer('reads count keyspace hits and misses', async (c) => {
    const stats = async (): Promise<[number, number]> => {
      const info = (await c.call('INFO', 'stats')) as string;
      return [Number(/keyspace_hits:(\d+)/.exec(info)![1]), Number(/keyspace_misses:(\d+)/.exec(info)![1])];
    };
    await c.call('HSET', 'h', 'a', '1');
    const [h0, m0] = await stats();
    await c.call('HGET', 'h', 'a');
    await c.call('HGETALL', 'nh');
    await c.call('HSET', 'n2', 'a', '1');
    await c.call('HDEL', 'nh', 'a');
    const [h1, m1] = await stats();
    expect([h1 - h0, m1 - m0]).to.deep.equal([1, 1]);
  });
  eachServer('a write to a watched hash fails the transaction', async (c, open) => {
    await c.call('HSET', 'h', 'a', '1');
    await c.call('WATCH', 'h');
    const other = await open();
    await other.call('HINCRBY', 'h', 'a', '1');
    await c.call('MULTI');
    await c.call('HGET', 'h', 'a');
    expect(await c.call('EXEC')).to.equal(null);
  });
  eachServer('HDEL of a missing field does not touch a watched hash', async (c, open) => {
    await c.call('HSET', 'h', 'a', '1');
    await c.call('WATCH', 'h');
    const other = await open();
    await other.call('HDEL', 'h', 'zz');
    await c.call('MULTI');
    await c.call('HGET', 'h', 'a');
    expect(await c.call('EXEC')).to.deep.equal(['1']);
  });
  it('COPY of a listpack hash is independent of the original', async () => {
    await compare(['HSET', 'h', 'a', '1', 'b', '2'], ['COPY', 'h', 'h2'], ['HSET', 'h2', 'a', 'x', 'c', '3'], ['HDEL', 'h', 'b'], ['HGETALL', 'h'], ['HGETALL', 'h2'], ['OBJECT', 'ENCODING', 'h2']);
  });
});
