/**
 * OBJECT ENCODING / REFCOUNT / IDLETIME / FREQ / HELP: string encodings by Redis's tryObjectEncoding
 * rules, shared-integer refcounts, the LFU-policy errors, the container's arity and unknown
 * subcommand errors. Twins with real Redis except where Respite deliberately differs (IDLETIME).
 */
import { expect, same, eachServer } from '../helpers';
import { sameResp3 } from '../keyspace/util';

const STRINGS = [
  '0', '1', '9999', '10000', '-1', '-5', '007', '0x', '00', '-0', '+1', ' 1', '1 ', '3.5', '1e3', '', 'abc',
  '1234567890123456789', '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
  '12345678901234567890', '123456789012345678901234', 'a'.repeat(44), 'a'.repeat(45), '1'.repeat(44), '1'.repeat(45), 'x'.repeat(1000),
];

describe('object: ENCODING and REFCOUNT of strings', () => {
  for (const v of STRINGS) {
    same(`OBJECT ENCODING / REFCOUNT of ${JSON.stringify(v.length > 50 ? `${v.slice(0, 10)}…(${v.length})` : v)}`, ['SET', 'k', v], ['OBJECT', 'ENCODING', 'k'], ['OBJECT', 'REFCOUNT', 'k']);
  }
  same('MSET and SETNX values are encoded the same way', ['MSET', 'a', '12', 'b', 'x'.repeat(50)], ['SETNX', 'c', '42'], ['OBJECT', 'ENCODING', 'a'], ['OBJECT', 'ENCODING', 'b'], ['OBJECT', 'ENCODING', 'c'], ['OBJECT', 'REFCOUNT', 'c']);
  same('INCR results are int encoded and shared below 10000', ['INCR', 'n'], ['OBJECT', 'ENCODING', 'n'], ['OBJECT', 'REFCOUNT', 'n'], ['INCRBY', 'n', '20000'], ['OBJECT', 'ENCODING', 'n'], ['OBJECT', 'REFCOUNT', 'n']);
  same(
    'a string edited in place stays raw (and unshared) through RENAME, COPY and MOVE',
    ['SET', 'a', '12'], ['APPEND', 'a', '3'], ['OBJECT', 'ENCODING', 'a'], ['OBJECT', 'REFCOUNT', 'a'], ['RENAME', 'a', 'b'], ['OBJECT', 'ENCODING', 'b'],
    ['COPY', 'b', 'c'], ['OBJECT', 'ENCODING', 'c'], ['MOVE', 'c', '1'], ['SELECT', '1'], ['OBJECT', 'ENCODING', 'c'], ['SET', 'c', '5'], ['OBJECT', 'ENCODING', 'c'],
    ['SELECT', '0'], ['SET', 'f', '1.5'], ['INCRBYFLOAT', 'f', '0.5'], ['OBJECT', 'ENCODING', 'f'], ['OBJECT', 'REFCOUNT', 'f'], ['RENAMENX', 'f', 'g'], ['OBJECT', 'ENCODING', 'g'],
    ['SET', 'x', '1'], ['RENAME', 'b', 'x'], ['OBJECT', 'ENCODING', 'x'], ['SET', 'y', '7'], ['COPY', 'y', 'x', 'REPLACE'], ['OBJECT', 'ENCODING', 'x'],
  );
  eachServer('REFCOUNT of small integers is 1 under an LRU policy with maxmemory set', async (c) => {
    const mm = (await c.call('CONFIG', 'GET', 'maxmemory'))[1];
    const policy = (await c.call('CONFIG', 'GET', 'maxmemory-policy'))[1];
    try {
      await c.call('SET', 'k', '5');
      expect(await c.call('OBJECT', 'REFCOUNT', 'k')).to.equal(2147483647);
      await c.call('CONFIG', 'SET', 'maxmemory', '1gb');
      await c.call('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lru');
      await c.call('SET', 'k', '5');
      expect(await c.call('OBJECT', 'REFCOUNT', 'k')).to.equal(1);
      await c.call('CONFIG', 'SET', 'maxmemory-policy', 'volatile-random');
      await c.call('SET', 'k', '5');
      expect(await c.call('OBJECT', 'REFCOUNT', 'k')).to.equal(2147483647);
    } finally {
      await c.call('CONFIG', 'SET', 'maxmemory', mm);
      await c.call('CONFIG', 'SET', 'maxmemory-policy', policy);
    }
  });
});

describe('object: collections, errors, help', () => {
  same(
    'OBJECT ENCODING of small collections',
    ['RPUSH', 'l', 'a'], ['HSET', 'h', 'f', 'v'], ['SADD', 'si', '1', '2'], ['SADD', 'ss', 'a'], ['ZADD', 'z', '1', 'm'],
    ['OBJECT', 'ENCODING', 'l'], ['OBJECT', 'ENCODING', 'h'], ['OBJECT', 'ENCODING', 'si'], ['OBJECT', 'ENCODING', 'ss'], ['OBJECT', 'ENCODING', 'z'],
    ['OBJECT', 'REFCOUNT', 'l'], ['OBJECT', 'REFCOUNT', 'h'],
  );
  same('OBJECT of a missing key is nil', ['OBJECT', 'ENCODING', 'k'], ['OBJECT', 'REFCOUNT', 'k'], ['OBJECT', 'IDLETIME', 'k'], ['OBJECT', 'FREQ', 'k']);
  sameResp3('OBJECT of a missing key is null in RESP3', ['OBJECT', 'ENCODING', 'k'], ['OBJECT', 'FREQ', 'k'], ['SET', 'k', '1'], ['OBJECT', 'ENCODING', 'k'], ['OBJECT', 'REFCOUNT', 'k']);
  same(
    'OBJECT arity and unknown subcommands',
    ['OBJECT'], ['OBJECT', 'foo'], ['OBJECT', 'foo', 'k'], ['OBJECT', 'ENCODING'], ['OBJECT', 'encoding', 'a', 'b'], ['OBJECT', 'HELP', 'x'], ['OBJECT', 'refcount'],
  );
  same('OBJECT HELP', ['OBJECT', 'HELP'], ['object', 'help']);
  sameResp3('OBJECT HELP in RESP3', ['OBJECT', 'HELP']);
  same('OBJECT FREQ is an error without an LFU policy', ['SET', 'k', '1'], ['OBJECT', 'FREQ', 'k']);
  eachServer('OBJECT IDLETIME is an error under an LFU policy', async (c) => {
    const policy = (await c.call('CONFIG', 'GET', 'maxmemory-policy'))[1];
    try {
      await c.call('CONFIG', 'SET', 'maxmemory-policy', 'allkeys-lfu');
      await c.call('SET', 'k', '1');
      expect((await c.call('OBJECT', 'IDLETIME', 'k')).message).to.match(/^ERR An LFU maxmemory policy is selected, idle time not tracked/);
    } finally {
      await c.call('CONFIG', 'SET', 'maxmemory-policy', policy);
    }
  });
  eachServer('OBJECT IDLETIME: Redis answers seconds; Respite says it does not track access times', async (c) => {
    await c.call('SET', 'k', 'v');
    const r = await c.call('OBJECT', 'IDLETIME', 'k');
    if (c.target.respite) expect(r.message).to.match(/not supported/);
    else expect(r).to.equal(0);
  });
  same('OBJECT does not count as a write or change a TTL', ['SET', 'k', 'v'], ['PEXPIREAT', 'k', '99999999999999'], ['OBJECT', 'ENCODING', 'k'], ['PEXPIRETIME', 'k']);
});
