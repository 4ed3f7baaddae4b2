/**
 * The string family (GET/SET and variants, MGET/MSET, APPEND, STRLEN, GETRANGE/SETRANGE), the
 * counters (INCR…, INCRBYFLOAT) and LCS: byte-for-byte twins with real Redis, plus keyspace events
 * and TTL effects asserted identically on both servers.
 */
import { expect, same, same3, eachServer, compare, Conn } from '../helpers';
import { stringEncoding } from '../../commands/object';
import { events, eventsOf } from '../keyspace/events';

const BIN = Buffer.from([0, 255, 13, 10, 0x80, 0x7f, 0]);
const BIN2 = Buffer.from([0xff, 0, 0xfe]);



describe('strings: GET and SET', () => {
  same('GET of a missing key is nil', ['GET', 'nokey']);
  same('SET then GET', ['SET', 'k', 'v'], ['GET', 'k']);
  same('SET overwrites', ['SET', 'k', 'v1'], ['SET', 'k', 'v2'], ['GET', 'k']);
  same('empty value', ['SET', 'k', ''], ['GET', 'k'], ['STRLEN', 'k'], ['EXISTS', 'k']);
  same('binary value and key', ['SET', BIN, BIN], ['GET', BIN], ['STRLEN', BIN]);
  same('GET of another type is WRONGTYPE', ['RPUSH', 'l', 'a'], ['GET', 'l']);
  same('SET replaces another type', ['RPUSH', 'l', 'a'], ['SET', 'l', 'v'], ['TYPE', 'l'], ['GET', 'l']);
  same('GET and SET arity', ['GET'], ['GET', 'a', 'b'], ['SET', 'k']);
  same3('GET and SET in RESP3', ['GET', 'nokey'], ['SET', 'k', 'v'], ['GET', 'k'], ['SET', 'k', 'x', 'NX'], ['SET', 'k', 'x', 'XX', 'GET']);
  same('a large value', ['SET', 'k', 'x'.repeat(100000)], ['STRLEN', 'k'], ['GETRANGE', 'k', '99990', '-1']);
});

describe('strings: SET options', () => {
  same('NX sets only a missing key', ['SET', 'k', 'v', 'NX'], ['SET', 'k', 'w', 'nx'], ['GET', 'k']);
  same('XX sets only an existing key', ['SET', 'k', 'v', 'XX'], ['GET', 'k'], ['SET', 'k', 'v'], ['SET', 'k', 'w', 'xX'], ['GET', 'k']);
  same('GET returns the old value', ['SET', 'k', 'v', 'GET'], ['SET', 'k', 'w', 'GET'], ['GET', 'k']);
  same('GET on another type is WRONGTYPE and writes nothing', ['RPUSH', 'l', 'a'], ['SET', 'l', 'v', 'GET'], ['TYPE', 'l']);
  same('NX GET answers the old value and skips the write', ['SET', 'k', 'v'], ['SET', 'k', 'w', 'NX', 'GET'], ['GET', 'k'], ['SET', 'n', 'w', 'NX', 'GET'], ['GET', 'n']);
  same('XX GET on a missing key answers nil once', ['SET', 'k', 'v', 'XX', 'GET'], ['EXISTS', 'k']);
  same('repeated GET and repeated same option are fine', ['SET', 'k', 'v', 'GET', 'get'], ['SET', 'k', 'v', 'NX', 'nx'], ['SET', 'k', 'v', 'EX', '10', 'EX', '20'], ['TTL', 'k']);
  same(
    'conflicting options are syntax errors',
    ['SET', 'k', 'v', 'NX', 'XX'], ['SET', 'k', 'v', 'XX', 'NX'], ['SET', 'k', 'v', 'EX', '10', 'PX', '100'],
    ['SET', 'k', 'v', 'PX', '100', 'EX', '10'], ['SET', 'k', 'v', 'EX', '10', 'KEEPTTL'], ['SET', 'k', 'v', 'KEEPTTL', 'PXAT', '1'],
    ['SET', 'k', 'v', 'EXAT', '1', 'PXAT', '1'], ['SET', 'k', 'v', 'PERSIST'], ['SET', 'k', 'v', 'FOO'], ['SET', 'k', 'v', 'EX'],
    ['SET', 'k', 'v', 'PX'], ['SET', 'k', 'v', 'EXAT'], ['SET', 'k', 'v', 'PXAT'], ['SET', 'k', 'v', 'E'], ['SET', 'k', 'v', 'NXX'], ['EXISTS', 'k'],
  );
  same(
    'invalid expire times',
    ['SET', 'k', 'v', 'EX', '0'], ['SET', 'k', 'v', 'EX', '-1'], ['SET', 'k', 'v', 'PX', '0'], ['SET', 'k', 'v', 'PX', '-100'],
    ['SET', 'k', 'v', 'EXAT', '0'], ['SET', 'k', 'v', 'PXAT', '-1'], ['EXISTS', 'k'],
  );
  same(
    'non-integer expire times',
    ['SET', 'k', 'v', 'EX', 'a'], ['SET', 'k', 'v', 'EX', '1.5'], ['SET', 'k', 'v', 'PX', ''], ['SET', 'k', 'v', 'EX', ' 1'],
    ['SET', 'k', 'v', 'EX', '+1'], ['SET', 'k', 'v', 'EX', '01'], ['SET', 'k', 'v', 'EX', '9223372036854775808'], ['EXISTS', 'k'],
  );
  same(
    'expire overflow is an invalid expire time',
    ['SET', 'k', 'v', 'EX', '9223372036854775'], ['SET', 'k', 'v', 'EX', '9223372036854776'], ['SET', 'k', 'v', 'EX', '9223372036854775807'],
    ['SET', 'k', 'v', 'PX', '9223372036854775807'], ['SET', 'k', 'v', 'PX', '9223372036854000000'], ['SETEX', 'k', '9223372036854775807', 'v'],
    ['PSETEX', 'k', '9223372036854775807', 'v'], ['EXISTS', 'k'],
  );
  same('absolute deadlines near the int64 limit are accepted', ['SET', 'k', 'v', 'PXAT', '9223372036854775807'], ['GET', 'k'], ['SET', 'j', 'v', 'EXAT', '9223372036854775'], ['GET', 'j']);
  same('the expire is validated before GET answers', ['SET', 'k', 'v'], ['SET', 'k', 'w', 'GET', 'EX', '0'], ['GET', 'k']);
  same('EX sets a TTL in seconds', ['SET', 'k', 'v', 'EX', '100'], ['TTL', 'k'], ['GET', 'k']);
  same('EXAT and PXAT set absolute deadlines', ['SET', 'k', 'v', 'EXAT', '4000000000'], ['EXPIRETIME', 'k'], ['SET', 'p', 'v', 'pxat', '4000000000123'], ['PEXPIRETIME', 'p']);
  same('an absolute deadline in the past leaves the key expired', ['SET', 'k', 'v', 'EXAT', '1'], ['GET', 'k'], ['EXISTS', 'k'], ['SET', 'p', 'v', 'PXAT', '1000'], ['GET', 'p']);
  same('plain SET drops the TTL, KEEPTTL keeps it', ['SET', 'k', 'v', 'EX', '100'], ['SET', 'k', 'w', 'KEEPTTL'], ['TTL', 'k'], ['SET', 'k', 'x'], ['TTL', 'k']);
  same('SET XX with EX replaces the TTL', ['SET', 'k', 'v', 'EX', '100'], ['SET', 'k', 'w', 'XX', 'EX', '200'], ['TTL', 'k'], ['GET', 'k']);
  same('SET NX that does not write keeps the TTL', ['SET', 'k', 'v', 'EX', '100'], ['SET', 'k', 'w', 'NX', 'EX', '200'], ['TTL', 'k']);
  same('KEEPTTL on a key without TTL', ['SET', 'k', 'v'], ['SET', 'k', 'w', 'KEEPTTL'], ['TTL', 'k'], ['SET', 'n', 'w', 'KEEPTTL', 'GET'], ['TTL', 'n']);
  same('options are case-insensitive', ['SET', 'k', 'v', 'Ex', '100', 'Get'], ['SET', 'k', 'v', 'kEePtTl', 'xx'], ['TTL', 'k']);
  eachServer('PX sets a TTL in milliseconds', async (c) => {
    expect(await c.call('SET', 'k', 'v', 'PX', '5000')).to.equal('OK');
    const pttl = await c.call('PTTL', 'k');
    expect(pttl).to.be.within(4000, 5000);
  });
  eachServer('a short PX expires the key', async (c) => {
    await c.call('SET', 'k', 'v', 'PX', '30');
    await new Promise((r) => setTimeout(r, 80));
    expect(await c.call('GET', 'k')).to.equal(null);
  });
});

describe('strings: SETNX, SETEX, PSETEX, GETSET, GETDEL', () => {
  same('SETNX', ['SETNX', 'k', 'v'], ['SETNX', 'k', 'w'], ['GET', 'k'], ['RPUSH', 'l', 'a'], ['SETNX', 'l', 'v'], ['TYPE', 'l']);
  same('SETEX', ['SETEX', 'k', '100', 'v'], ['TTL', 'k'], ['GET', 'k'], ['SETEX', 'k', '0', 'v'], ['SETEX', 'k', '-5', 'v'], ['SETEX', 'k', 'x', 'v'], ['SETEX', 'k', '10']);
  same('PSETEX', ['PSETEX', 'k', '100000', 'v'], ['TTL', 'k'], ['PSETEX', 'k', '0', 'v'], ['PSETEX', 'k', '-1', 'v'], ['PSETEX', 'k', '1.5', 'v']);
  same('SETEX replaces another type', ['RPUSH', 'l', 'a'], ['SETEX', 'l', '100', 'v'], ['TYPE', 'l']);
  same('GETSET', ['GETSET', 'k', 'v'], ['GETSET', 'k', 'w'], ['GET', 'k'], ['RPUSH', 'l', 'a'], ['GETSET', 'l', 'v'], ['TYPE', 'l']);
  same('GETSET drops the TTL', ['SET', 'k', 'v', 'EX', '100'], ['GETSET', 'k', 'w'], ['TTL', 'k']);
  same('GETDEL', ['SET', 'k', BIN], ['GETDEL', 'k'], ['EXISTS', 'k'], ['GETDEL', 'k'], ['RPUSH', 'l', 'a'], ['GETDEL', 'l'], ['EXISTS', 'l']);
});

describe('strings: GETEX', () => {
  same('without options it is GET', ['SET', 'k', 'v', 'EX', '100'], ['GETEX', 'k'], ['TTL', 'k'], ['GETEX', 'nokey']);
  same('EX, PX, EXAT, PXAT set the TTL', ['SET', 'k', 'v'], ['GETEX', 'k', 'EX', '100'], ['TTL', 'k'], ['GETEX', 'k', 'px', '200000'], ['TTL', 'k'], ['GETEX', 'k', 'EXAT', '4000000000'], ['EXPIRETIME', 'k'], ['GETEX', 'k', 'PXAT', '4000000000999'], ['PEXPIRETIME', 'k']);
  same('PERSIST removes the TTL', ['SET', 'k', 'v', 'EX', '100'], ['GETEX', 'k', 'PERSIST'], ['TTL', 'k'], ['GETEX', 'k', 'persist'], ['TTL', 'k']);
  same('a past absolute deadline deletes the key', ['SET', 'k', 'v'], ['GETEX', 'k', 'EXAT', '1'], ['EXISTS', 'k'], ['SET', 'p', 'v'], ['GETEX', 'p', 'PXAT', '1'], ['EXISTS', 'p']);
  same(
    'syntax errors',
    ['SET', 'k', 'v'], ['GETEX', 'k', 'PERSIST', 'EX', '10'], ['GETEX', 'k', 'EX', '10', 'PERSIST'], ['GETEX', 'k', 'KEEPTTL'], ['GETEX', 'k', 'NX'],
    ['GETEX', 'k', 'GET'], ['GETEX', 'k', 'EX'], ['GETEX', 'k', 'EX', '1', 'PX', '1'], ['GETEX', 'nokey', 'FOO'], ['TTL', 'k'],
  );
  same(
    'invalid expire times',
    ['SET', 'k', 'v'], ['GETEX', 'k', 'EX', '0'], ['GETEX', 'k', 'PX', '-1'], ['GETEX', 'k', 'EXAT', '0'], ['GETEX', 'k', 'EX', 'a'],
    ['GETEX', 'k', 'EX', '9223372036854775807'], ['TTL', 'k'],
  );
  same('a missing key answers nil before the expire is checked', ['GETEX', 'nokey', 'EX', '0'], ['GETEX', 'nokey', 'EX', 'a']);
  same('WRONGTYPE', ['RPUSH', 'l', 'a'], ['GETEX', 'l'], ['GETEX', 'l', 'EX', '0'], ['GETEX', 'l', 'FOO']);
  same('repeated EX is allowed', ['SET', 'k', 'v'], ['GETEX', 'k', 'EX', '10', 'EX', '100'], ['TTL', 'k']);
});

describe('strings: MGET, MSET, MSETNX', () => {
  same('MGET mixes values, missing keys and other types', ['SET', 'a', '1'], ['SET', 'b', BIN], ['RPUSH', 'l', 'x'], ['MGET', 'a', 'nokey', 'b', 'l', 'a']);
  same3('MGET in RESP3', ['SET', 'a', '1'], ['MGET', 'a', 'nokey']);
  same('MSET', ['MSET', 'a', '1', 'b', '2', 'a', '3'], ['MGET', 'a', 'b']);
  same('MSET arity', ['MSET', 'a'], ['MSET', 'a', '1', 'b'], ['MSETNX', 'a', '1', 'b'], ['MSETNX', 'a'], ['EXISTS', 'a']);
  same('MSET drops TTLs and replaces other types', ['SET', 'a', 'v', 'EX', '100'], ['RPUSH', 'l', 'x'], ['MSET', 'a', '1', 'l', '2'], ['TTL', 'a'], ['TYPE', 'l']);
  same('MSETNX is all or nothing', ['MSETNX', 'a', '1', 'b', '2'], ['MSETNX', 'b', '3', 'c', '4'], ['MGET', 'a', 'b', 'c']);
  same('MSETNX with a repeated key', ['MSETNX', 'a', '1', 'a', '2'], ['GET', 'a']);
  same('MSETNX counts keys of other types as existing', ['RPUSH', 'l', 'x'], ['MSETNX', 'l', '1', 'z', '2'], ['EXISTS', 'z']);
});

describe('strings: APPEND, STRLEN', () => {
  same('APPEND creates and extends', ['APPEND', 'k', 'ab'], ['APPEND', 'k', 'cd'], ['GET', 'k'], ['APPEND', 'k', ''], ['APPEND', 'e', ''], ['EXISTS', 'e'], ['STRLEN', 'e']);
  same('APPEND binary', ['APPEND', 'k', BIN], ['APPEND', 'k', BIN2], ['GET', 'k']);
  same('APPEND keeps the TTL', ['SET', 'k', 'v', 'EX', '100'], ['APPEND', 'k', 'w'], ['TTL', 'k']);
  same('APPEND to a number', ['SET', 'k', '10'], ['APPEND', 'k', '5'], ['INCR', 'k']);
  same('APPEND and STRLEN WRONGTYPE', ['RPUSH', 'l', 'x'], ['APPEND', 'l', 'a'], ['STRLEN', 'l']);
  same('STRLEN', ['STRLEN', 'nokey'], ['SET', 'k', 'hello'], ['STRLEN', 'k'], ['SET', 'n', '-12345'], ['STRLEN', 'n'], ['SET', 'b', BIN], ['STRLEN', 'b']);
  eachServer('APPEND past proto-max-bulk-len fails', async (c) => {
    const before = (await c.call('CONFIG', 'GET', 'proto-max-bulk-len'))[1];
    try {
      await c.call('CONFIG', 'SET', 'proto-max-bulk-len', '1048576');
      await c.call('SET', 'k', 'x'.repeat(1048570));
      const err = await c.call('APPEND', 'k', 'abcdefgh');
      expect(err.message).to.equal('ERR string exceeds maximum allowed size (proto-max-bulk-len)');
      expect(await c.call('APPEND', 'k', 'abcdef')).to.equal(1048576);
      expect((await c.call('SETRANGE', 'k', '1048576', 'x')).message).to.equal('ERR string exceeds maximum allowed size (proto-max-bulk-len)');
      expect(await c.call('SETRANGE', 'k', '1048575', 'x')).to.equal(1048576);
    } finally {
      await c.call('CONFIG', 'SET', 'proto-max-bulk-len', before);
    }
  });
});

describe('strings: GETRANGE, SUBSTR', () => {
  const s = ['SET', 's', 'Hello World'];
  same('positive ranges', s, ['GETRANGE', 's', '0', '4'], ['GETRANGE', 's', '6', '10'], ['GETRANGE', 's', '6', '100'], ['GETRANGE', 's', '0', '0'], ['GETRANGE', 's', '10', '10'], ['GETRANGE', 's', '11', '20']);
  same('negative ranges', s, ['GETRANGE', 's', '-5', '-1'], ['GETRANGE', 's', '0', '-1'], ['GETRANGE', 's', '-100', '-1'], ['GETRANGE', 's', '-1', '-2'], ['GETRANGE', 's', '-2', '-1'], ['GETRANGE', 's', '0', '-100'], ['GETRANGE', 's', '-100', '-100'], ['GETRANGE', 's', '3', '-9']);
  same('reversed and extreme ranges', s, ['GETRANGE', 's', '5', '2'], ['GETRANGE', 's', '9223372036854775807', '9223372036854775807'], ['GETRANGE', 's', '-9223372036854775808', '-9223372036854775808'], ['GETRANGE', 's', '0', '9223372036854775807'], ['GETRANGE', 's', '-9223372036854775807', '-9223372036854775808'], ['GETRANGE', 's', '-9223372036854775808', '-9223372036854775807']);
  same('missing key and empty string', ['GETRANGE', 'nokey', '0', '-1'], ['SET', 'e', ''], ['GETRANGE', 'e', '0', '-1'], ['GETRANGE', 'e', '0', '0'], ['GETRANGE', 'e', '-1', '0']);
  same('non-integer arguments are checked before the key', ['GETRANGE', 'nokey', 'a', '1'], ['GETRANGE', 'nokey', '0', '1.5'], ['RPUSH', 'l', 'x'], ['GETRANGE', 'l', 'a', '0'], ['GETRANGE', 'l', '0', '1']);
  same('integer parsing follows string2ll', ['SET', 's', 'abc'], ['GETRANGE', 's', '-0', '1'], ['GETRANGE', 's', '00', '1'], ['GETRANGE', 's', '-', '1'], ['GETRANGE', 's', '+1', '2'], ['GETRANGE', 's', '1 ', '2'], ['GETRANGE', 's', '1', '99999999999999999999'], ['INCRBY', 's', '-0'], ['SETRANGE', 's', '00', 'x'], ['SETRANGE', 's', '0\x00', 'x']);
  same('numbers and binary', ['SET', 'n', '12345'], ['GETRANGE', 'n', '1', '3'], ['SET', 'b', BIN], ['GETRANGE', 'b', '1', '-2']);
  same('SUBSTR is GETRANGE', s, ['SUBSTR', 's', '0', '4'], ['SUBSTR', 's', '-3', '-1'], ['SUBSTR', 'nokey', '0', '1'], ['SUBSTR', 's', '0']);
});

describe('strings: SETRANGE', () => {
  same('overwrite inside', ['SET', 'k', 'Hello World'], ['SETRANGE', 'k', '6', 'Redis'], ['GET', 'k']);
  same('extend past the end with zero padding', ['SET', 'k', 'ab'], ['SETRANGE', 'k', '5', 'xy'], ['GET', 'k'], ['SETRANGE', 'k', '7', 'z'], ['GET', 'k']);
  same('create a missing key', ['SETRANGE', 'k', '3', BIN], ['GET', 'k'], ['SETRANGE', 'n', '0', 'abc'], ['GET', 'n']);
  same('an empty value writes nothing', ['SETRANGE', 'k', '10', ''], ['EXISTS', 'k'], ['SET', 'j', 'abc'], ['SETRANGE', 'j', '100', ''], ['GET', 'j'], ['SETRANGE', 'j', '9223372036854775807', '']);
  same('offset errors', ['SETRANGE', 'k', '-1', 'x'], ['SETRANGE', 'k', 'a', 'x'], ['SETRANGE', 'k', '9223372036854775808', 'x'], ['EXISTS', 'k']);
  same('offsets past proto-max-bulk-len', ['SETRANGE', 'k', '536870912', 'x'], ['SETRANGE', 'k', '536870911', 'xy'], ['SET', 'j', 'a'], ['SETRANGE', 'j', '9223372036854775807', 'x'], ['SETRANGE', 'j', '9223372036854775806', 'xy']);
  same('SETRANGE keeps the TTL', ['SET', 'k', 'abc', 'EX', '100'], ['SETRANGE', 'k', '1', 'X'], ['TTL', 'k'], ['GET', 'k']);
  same('SETRANGE on a number', ['SET', 'k', '1234'], ['SETRANGE', 'k', '1', '9'], ['INCR', 'k']);
  same('WRONGTYPE after the offset checks', ['RPUSH', 'l', 'x'], ['SETRANGE', 'l', '0', 'a'], ['SETRANGE', 'l', '0', ''], ['SETRANGE', 'l', '-1', 'a']);
});

describe('strings: INCR, DECR, INCRBY, DECRBY', () => {
  same('INCR and DECR from nothing', ['INCR', 'a'], ['INCR', 'a'], ['DECR', 'b'], ['DECR', 'b'], ['MGET', 'a', 'b']);
  same('INCRBY and DECRBY', ['SET', 'k', '10'], ['INCRBY', 'k', '5'], ['INCRBY', 'k', '-20'], ['DECRBY', 'k', '7'], ['DECRBY', 'k', '-100'], ['GET', 'k']);
  same('not an integer', ['SET', 'k', 'abc'], ['INCR', 'k'], ['SET', 'k', '1.5'], ['INCR', 'k'], ['SET', 'k', ' 1'], ['INCR', 'k'], ['SET', 'k', '01'], ['INCR', 'k'], ['SET', 'k', '+1'], ['INCR', 'k'], ['SET', 'k', '-0'], ['INCR', 'k'], ['SET', 'k', ''], ['INCR', 'k'], ['SET', 'k', '1\x00'], ['INCR', 'k']);
  same('bad increments', ['INCRBY', 'k', 'a'], ['INCRBY', 'k', '1.0'], ['DECRBY', 'k', ''], ['INCRBY', 'k', '9223372036854775808'], ['DECRBY', 'k', '-9223372036854775809'], ['EXISTS', 'k']);
  same('64-bit limits', ['SET', 'k', '9223372036854775806'], ['INCR', 'k'], ['INCR', 'k'], ['GET', 'k'], ['SET', 'm', '-9223372036854775807'], ['DECR', 'm'], ['DECR', 'm'], ['GET', 'm']);
  same('INCRBY overflow', ['SET', 'k', '5'], ['INCRBY', 'k', '9223372036854775807'], ['INCRBY', 'k', '9223372036854775802'], ['INCRBY', 'k', '-9223372036854775808'], ['SET', 'n', '-1'], ['INCRBY', 'n', '-9223372036854775808'], ['INCRBY', 'n', '-1']);
  same('DECRBY of INT64_MIN', ['DECRBY', 'k', '-9223372036854775808'], ['SET', 'k', '0'], ['DECRBY', 'k', '-9223372036854775808'], ['DECRBY', 'k', '9223372036854775807'], ['DECRBY', 'k', '1'], ['DECRBY', 'k', '1']);
  same('precision beyond 2^53', ['SET', 'k', '9007199254740993'], ['INCR', 'k'], ['INCRBY', 'k', '9007199254740993'], ['DECRBY', 'k', '18014398509481987'], ['SET', 'j', '123456789012345'], ['INCRBY', 'j', '987654321098765'], ['INCRBY', 'j', '999999999999999']);
  same('increment of missing key by extremes', ['INCRBY', 'a', '9223372036854775807'], ['INCRBY', 'b', '-9223372036854775808'], ['DECRBY', 'c', '9223372036854775807']);
  same('WRONGTYPE, after the increment is parsed', ['RPUSH', 'l', 'x'], ['INCR', 'l'], ['INCRBY', 'l', '1'], ['INCRBY', 'l', 'a'], ['DECRBY', 'l', '-9223372036854775808']);
  same('counters keep the TTL', ['SET', 'k', '1', 'EX', '100'], ['INCR', 'k'], ['INCRBY', 'k', '5'], ['DECR', 'k'], ['TTL', 'k']);
  same('INCR of a binary-looking number', ['SET', 'k', '-123'], ['INCR', 'k'], ['INCRBY', 'k', '-1000000000000000'], ['GET', 'k']);
});

describe('strings: INCRBYFLOAT', () => {
  const cases: Array<[string, string]> = [
    ['10.5', '0.1'], ['10.50', '0.1'], ['5.0e3', '2.0e2'], ['0', '0'], ['-0', '0'], ['3', '-3'], ['1', '1e-17'], ['1e-20', '0'],
    ['-1e-20', '0'], ['0.1', '0.2'], ['17179869184', '-0.1'], ['123456789.123456789', '1e-9'], ['1e17', '1'], ['1e300', '1e300'],
    ['9223372036854775807', '1'], ['-9223372036854775808', '-1'], ['3.14159265358979323846', '0'], ['1.5', '-1.5'], ['0x10', '1'],
    ['1', '0x1p-2'], ['inf', '1'], ['1', '-inf'], ['1', 'nan'], ['1', ' 1'], ['1', '1 '], ['1', '1e'], ['1', '.5'], ['1', '5.'],
    ['1', '.'], ['1', '+5'], ['abc', '1'], ['1', 'abc'], ['1', ''], ['1.18e4932', '1e4932'], ['1', '1e5000'], ['1', '1e-5000'],
    ['1', '1e-4940'], ['1', '0e-99999'], ['99999999999999999999.5', '0'], ['2.5e-17', '0'], ['1.5e-17', '0'], ['-5e-18', '0'],
    ['1.1', '2.2'], ['100', '-0.0000000001'], ['1e18', '3'], ['1\x001', '1'], ['1', 'INFINITY'], ['-1e4000', '1'],
  ];
  for (const [a, b] of cases) {
    same(`${JSON.stringify(a)} + ${JSON.stringify(b)}`, ['SET', 'k', a], ['INCRBYFLOAT', 'k', b], ['GET', 'k']);
  }
  same('from a missing key', ['INCRBYFLOAT', 'k', '1.5'], ['INCRBYFLOAT', 'j', '-0.000001'], ['INCRBYFLOAT', 'z', '1e3'], ['MGET', 'k', 'j', 'z']);
  same('repeated small steps', ['INCRBYFLOAT', 'k', '0.1'], ['INCRBYFLOAT', 'k', '0.1'], ['INCRBYFLOAT', 'k', '0.1'], ['INCRBYFLOAT', 'k', '0.1'], ['INCRBYFLOAT', 'k', '0.1'], ['INCRBYFLOAT', 'k', '-0.5']);
  same('WRONGTYPE comes before a bad increment', ['RPUSH', 'l', 'x'], ['INCRBYFLOAT', 'l', '1'], ['INCRBYFLOAT', 'l', 'abc']);
  same('bad stored value comes before a bad increment', ['SET', 'k', 'abc'], ['INCRBYFLOAT', 'k', 'xyz']);
  same('INCRBYFLOAT keeps the TTL and then INCR reads the result', ['SET', 'k', '1', 'EX', '100'], ['INCRBYFLOAT', 'k', '2'], ['TTL', 'k'], ['INCR', 'k'], ['INCRBYFLOAT', 'k', '0.5'], ['INCR', 'k']);
  same3('INCRBYFLOAT in RESP3 is a bulk string', ['INCRBYFLOAT', 'k', '1.25']);
  it('many generated sums match Redis', async () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const cmds: Array<string[]> = [];
    for (let i = 0; i < 150; i++) {
      const v = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 30 - 12);
      const w = (rnd() - 0.5) * 10 ** Math.floor(rnd() * 30 - 12);
      const a = i % 3 === 0 ? v.toExponential(Math.floor(rnd() * 19)) : v.toFixed(Math.min(20, Math.floor(rnd() * 22)));
      cmds.push(['SET', 'k', a], ['INCRBYFLOAT', 'k', String(w)]);
    }
    await compare(...cmds);
  });
});

describe('strings: LCS', () => {
  const ab = [['SET', 'a', 'ohmytext'], ['SET', 'b', 'mynewtext']];
  same('the subsequence', ...ab, ['LCS', 'a', 'b'], ['LCS', 'b', 'a'], ['LCS', 'a', 'a']);
  same('LEN', ...ab, ['LCS', 'a', 'b', 'LEN'], ['LCS', 'a', 'nokey', 'len']);
  same('IDX', ...ab, ['LCS', 'a', 'b', 'IDX'], ['LCS', 'a', 'b', 'idx', 'WITHMATCHLEN'], ['LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', '4'], ['LCS', 'a', 'b', 'IDX', 'MINMATCHLEN', '-5', 'WITHMATCHLEN']);
  same3('IDX in RESP3 is a map', ...ab, ['LCS', 'a', 'b', 'IDX', 'WITHMATCHLEN'], ['LCS', 'a', 'nokey', 'IDX']);
  same('missing keys are empty strings', ['LCS', 'x', 'y'], ['LCS', 'x', 'y', 'IDX'], ['SET', 'a', 'abc'], ['LCS', 'a', 'y']);
  same('errors', ...ab, ['LCS', 'a', 'b', 'IDX', 'LEN'], ['LCS', 'a', 'b', 'FOO'], ['LCS', 'a', 'b', 'MINMATCHLEN'], ['LCS', 'a', 'b', 'MINMATCHLEN', 'x'], ['LCS', 'a']);
  same('wrong types', ['RPUSH', 'l', 'x'], ['SET', 'a', 'abc'], ['LCS', 'a', 'l'], ['LCS', 'l', 'nokey', 'FOO'], ['LCS', 'a', 'nokey', 'FOO']);
  same('binary and repetitive strings', ['SET', 'a', BIN], ['SET', 'b', Buffer.from([0, 0, 255, 10, 0x7f, 0])], ['LCS', 'a', 'b'], ['LCS', 'a', 'b', 'IDX', 'WITHMATCHLEN'], ['SET', 'c', 'aaaabbbbaaaa'], ['SET', 'd', 'abababab'], ['LCS', 'c', 'd'], ['LCS', 'c', 'd', 'IDX', 'WITHMATCHLEN']);
  same('too much transient memory', ['SETRANGE', 'a', '11999', 'x'], ['SETRANGE', 'b', '11999', 'y'], ['LCS', 'a', 'b', 'LEN']);
  it('random strings match Redis', async () => {
    let seed = 11;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const word = () => Array.from({ length: Math.floor(rnd() * 40) }, () => 'abc'[Math.floor(rnd() * 3)]).join('');
    const cmds: Array<string[]> = [];
    for (let i = 0; i < 20; i++) cmds.push(['SET', 'a', word()], ['SET', 'b', word()], ['LCS', 'a', 'b'], ['LCS', 'a', 'b', 'IDX', 'WITHMATCHLEN', 'MINMATCHLEN', '2']);
    await compare(...cmds);
  });
});

describe('strings: keyspace events', () => {
  eachServer('SET family events', async (c, open) => {
    expect(await eventsOf(c, open,
      ['SET', 'a', '1'], ['SET', 'a', '2', 'EX', '100'], ['SET', 'a', '3', 'NX'], ['SET', 'b', '1', 'XX'], ['SETNX', 'b', '1'], ['SETEX', 'c', '10', 'v'],
      ['PSETEX', 'd', '10000', 'v'], ['GETSET', 'a', 'x'], ['MSET', 'e', '1', 'f', '2'], ['MSETNX', 'e', '1', 'g', '1'], ['MSETNX', 'g', '1', 'h', '1'],
      ['SET', 'a', 'v', 'PXAT', '1'], ['GET', 'a'],
    )).to.deep.equal([
      '__keyevent@0__:set a', '__keyevent@0__:set a', '__keyevent@0__:expire a', '__keyevent@0__:set b', '__keyevent@0__:set c', '__keyevent@0__:expire c',
      '__keyevent@0__:set d', '__keyevent@0__:expire d', '__keyevent@0__:set a', '__keyevent@0__:set e', '__keyevent@0__:set f',
      '__keyevent@0__:set g', '__keyevent@0__:set h', '__keyevent@0__:set a', '__keyevent@0__:expire a', '__keyevent@0__:expired a',
    ]);
  });
  eachServer('GETDEL and GETEX events', async (c, open) => {
    await c.call('SET', 'a', '1');
    await c.call('SET', 'b', '1');
    expect(await eventsOf(c, open,
      ['GETDEL', 'a'], ['GETDEL', 'a'], ['GETEX', 'b'], ['GETEX', 'b', 'EX', '100'], ['GETEX', 'b', 'PERSIST'], ['GETEX', 'b', 'PERSIST'], ['GETEX', 'b', 'PXAT', '1'], ['GETEX', 'b', 'EX', '1'],
    )).to.deep.equal(['__keyevent@0__:del a', '__keyevent@0__:expire b', '__keyevent@0__:persist b', '__keyevent@0__:del b']);
  });
  eachServer('APPEND, SETRANGE, counters events', async (c, open) => {
    expect(await eventsOf(c, open,
      ['APPEND', 'a', 'x'], ['APPEND', 'a', ''], ['SETRANGE', 'a', '0', 'y'], ['SETRANGE', 'a', '0', ''], ['SETRANGE', 'n', '0', ''], ['INCR', 'i'], ['DECR', 'i'], ['INCRBY', 'i', '0'],
      ['DECRBY', 'i', '2'], ['INCRBYFLOAT', 'f', '1.5'], ['INCR', 'a'], ['INCRBYFLOAT', 'a', '1'],
    )).to.deep.equal([
      '__keyevent@0__:append a', '__keyevent@0__:append a', '__keyevent@0__:setrange a', '__keyevent@0__:incrby i', '__keyevent@0__:incrby i',
      '__keyevent@0__:incrby i', '__keyevent@0__:incrby i', '__keyevent@0__:incrbyfloat f',
    ]);
  });
  eachServer('SET on an expired key fires expired first', async (c, open) => {
    await c.call('SET', 'a', '1', 'PX', '20');
    await new Promise((r) => setTimeout(r, 60));
    const ev = await eventsOf(c, open, ['SET', 'a', '2']);
    // Active expiry may have removed the key before the SET; either way `expired` precedes `set`.
    expect(ev).to.deep.equal(['__keyevent@0__:expired a', '__keyevent@0__:set a'].slice(ev.length === 1 ? 1 : 0));
  });
});

describe('strings: new-key events', () => {
  eachServer('every command that creates a key fires new first', async (c, open) => {
    const ev = await events(c, open, 'EAn', async () => {
      for (const cmd of [
        ['SET', 'a', '1'], ['SET', 'a', '2'], ['SET', 'b', '1', 'EX', '100'], ['SET', 'c', '1', 'XX'], ['SET', 'c', '1', 'NX', 'GET'], ['SETNX', 'd', '1'], ['SETEX', 'e', '10', 'x'],
        ['GETSET', 'f', '1'], ['GETSET', 'f', '2'], ['MSET', 'g', '1', 'a', '3'], ['MSETNX', 'h', '1', 'h', '2'], ['APPEND', 'i', 'x'], ['APPEND', 'i', 'y'],
        ['SETRANGE', 'j', '0', ''], ['SETRANGE', 'j', '2', 'x'], ['INCR', 'k'], ['INCR', 'k'], ['INCRBYFLOAT', 'l', '1.5'],
      ]) await c.call(...cmd);
    });
    expect(ev).to.deep.equal([
      'new a', 'set a', 'set a', 'new b', 'set b', 'expire b', 'new c', 'set c', 'new d', 'set d', 'new e', 'set e', 'expire e', 'new f', 'set f', 'set f',
      'new g', 'set g', 'set a', 'new h', 'set h', 'set h', 'new i', 'append i', 'append i', 'new j', 'setrange j', 'new k', 'incrby k', 'incrby k',
      'new l', 'incrbyfloat l',
    ].map((e) => '__keyevent@0__:' + e));
  });
});

describe('strings: keyspace hits, misses and keymiss', () => {
  /** keyspace_hits and keyspace_misses: Respite's counters (what INFO prints), Redis's INFO stats. */
  async function hitsMisses(c: Conn): Promise<[number, number]> {
    const respite = c.target.respite;
    if (respite) return [respite.server.stats.keyspaceHits, respite.server.stats.keyspaceMisses];
    const info = String(await c.call('INFO', 'stats'));
    const num = (name: string) => Number(new RegExp(`${name}:(\\d+)`).exec(info)![1]);
    return [num('keyspace_hits'), num('keyspace_misses')];
  }
  const steps: Array<[string[], [number, number]]> = [
    [['GET', 'a'], [1, 0]], [['GET', 'b'], [1, 1]], [['SET', 'a', '2', 'GET'], [2, 1]], [['SET', 'b', '2', 'GET'], [2, 2]], [['SET', 'c', '1'], [2, 2]],
    [['GETSET', 'a', '3'], [3, 2]], [['GETDEL', 'a'], [4, 2]], [['MGET', 'a', 'b', 'c'], [6, 3]], [['STRLEN', 'b'], [7, 3]], [['INCR', 'b'], [7, 3]],
    [['APPEND', 'b', 'x'], [7, 3]], [['GETRANGE', 'q', '0', '1'], [7, 4]], [['GETEX', 'b'], [8, 4]], [['LCS', 'b', 'q'], [9, 5]], [['SETRANGE', 'b', '0', 'x'], [9, 5]],
    [['INCRBYFLOAT', 'n', '1'], [9, 5]], [['SET', 'l', 'v', 'XX'], [9, 5]], [['RPUSH', 'list', 'x'], [9, 5]], [['GET', 'list'], [10, 5]], [['SET', 'list', 'v', 'GET'], [11, 5]],
  ];
  eachServer('INFO counts read lookups only', async (c) => {
    await c.call('SET', 'a', '1');
    await c.call('CONFIG', 'RESETSTAT');
    if (c.target.respite) Object.assign(c.target.respite.server.stats, { keyspaceHits: 0, keyspaceMisses: 0 });
    for (const [cmd, expected] of steps) expect([cmd, await (async () => { await c.call(...cmd); return hitsMisses(c); })()]).to.deep.equal([cmd, expected]);
  });
  eachServer('read misses fire keymiss', async (c, open) => {
    await c.call('SET', 'a', '1');
    const ev = await events(c, open, 'Em', async () => {
      for (const cmd of [['GET', 'a'], ['GET', 'b'], ['MGET', 'a', 'c', 'd'], ['SET', 'x', '1', 'GET'], ['SET', 'y', '1'], ['GETDEL', 'q'], ['GETEX', 'q', 'EX', '10'], ['LCS', 'q', 'r'], ['INCR', 'z'], ['STRLEN', 's']]) await c.call(...cmd);
    });
    expect(ev).to.deep.equal(['b', 'c', 'd', 'x', 'q', 'q', 'q', 'r', 's'].map((k) => '__keyevent@0__:keymiss ' + k));
  });
});

/**
 * OBJECT ENCODING of a string key: Redis's answer, or on Respite the Database's mark for in-place
 * edits over the content rule (what OBJECT ENCODING reports once it consults db.stringEncodings).
 */
export async function encodingOf(c: Conn, key: string): Promise<string> {
  const respite = c.target.respite;
  if (!respite) return String(await c.call('OBJECT', 'ENCODING', key));
  const db = respite.server.dbs[0];
  const v = db.get(key);
  if (typeof v !== 'string') return String(v);
  return db.stringEncodings?.get(key) ?? stringEncoding(v);
}

describe('strings: encodings after in-place edits', () => {
  const steps: Array<[Array<string | number | Buffer>, string, string]> = [
    [['SET', 'a', '123'], 'a', 'int'], [['APPEND', 'a', '4'], 'a', 'raw'], [['SET', 'a', '5'], 'a', 'int'], [['APPEND', 'a', ''], 'a', 'raw'],
    [['APPEND', 'n', '12'], 'n', 'int'], [['SET', 'b', 'x'], 'b', 'embstr'], [['SETRANGE', 'b', '0', 'y'], 'b', 'raw'], [['SETRANGE', 'b', '0', ''], 'b', 'raw'],
    [['SETRANGE', 'r', '0', '7'], 'r', 'raw'], [['SET', 'c', '1'], 'c', 'int'], [['INCR', 'c'], 'c', 'int'], [['INCRBYFLOAT', 'c', '1'], 'c', 'embstr'],
    [['INCR', 'c'], 'c', 'int'], [['INCRBYFLOAT', 'h', '1e40'], 'h', 'embstr'], [['INCRBYFLOAT', 'h', '1e44'], 'h', 'raw'], [['SET', 'd', '5'], 'd', 'int'], [['SETBIT', 'd', '0', '0'], 'd', 'raw'],
    [['SETBIT', 'e', '0', '1'], 'e', 'raw'], [['BITOP', 'NOT', 'f', 'e'], 'f', 'raw'], [['SET', 'g', '7'], 'g', 'int'], [['BITFIELD', 'g', 'GET', 'u8', '0'], 'g', 'int'],
    [['BITFIELD', 'g', 'OVERFLOW', 'FAIL', 'SET', 'u8', '0', '300'], 'g', 'raw'], [['GETSET', 'g', '12'], 'g', 'int'], [['SET', 'i', 'x'.repeat(45)], 'i', 'raw'],
    [['MSET', 'j', '12', 'k', 'abc'], 'j', 'int'], [['GETEX', 'a', 'EX', '100'], 'a', 'raw'], [['SET', 'a', '1', 'KEEPTTL'], 'a', 'int'], [['APPEND', 'a', '2'], 'a', 'raw'],
    [['DEL', 'a'], 'a', 'undefined'], [['SET', 'a', '1'], 'a', 'int'],
  ];
  eachServer('OBJECT ENCODING follows the command that built the value', async (c) => {
    const seen: string[] = [];
    for (const [cmd, key] of steps) {
      await c.call(...cmd);
      seen.push(await encodingOf(c, key));
    }
    expect(seen.map((e) => (e === 'null' ? 'undefined' : e))).to.deep.equal(steps.map((s) => s[2]));
  });
});

describe('strings: transactions and WATCH', () => {
  eachServer('SET invalidates a WATCH, GET does not', async (c, open) => {
    const other = await open();
    await c.call('SET', 'k', '1');
    await c.call('WATCH', 'k');
    await other.call('GET', 'k');
    await c.call('MULTI');
    await c.call('INCR', 'k');
    expect(await c.call('EXEC')).to.deep.equal([2]);
    await c.call('WATCH', 'k');
    await other.call('APPEND', 'k', '0');
    await c.call('MULTI');
    await c.call('INCR', 'k');
    expect(await c.call('EXEC')).to.equal(null);
  });
  same('counters inside MULTI', ['MULTI'], ['INCR', 'k'], ['INCRBYFLOAT', 'k', '0.5'], ['SET', 'k', 'x', 'EX', '0'], ['GET', 'k'], ['EXEC']);
});
