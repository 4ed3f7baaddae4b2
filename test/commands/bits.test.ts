/**
 * Bitmap commands: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD, BITFIELD_RO — byte-for-byte
 * twins with real Redis, including range edge cases, option errors and keyspace events.
 */
import { expect, same, same3, eachServer, compare } from '../helpers';
import { events, eventsOf } from '../keyspace/events';

const BIN = Buffer.from([0x00, 0xff, 0xf0, 0x0f, 0x80, 0x01, 0xaa]);



describe('bits: SETBIT and GETBIT', () => {
  same('set, read back, old value', ['SETBIT', 'k', '7', '1'], ['GETBIT', 'k', '7'], ['GETBIT', 'k', '6'], ['SETBIT', 'k', '7', '0'], ['SETBIT', 'k', '7', '0'], ['GET', 'k']);
  same('growing pads with zero bytes', ['SETBIT', 'k', '100', '1'], ['STRLEN', 'k'], ['GET', 'k'], ['SETBIT', 'k', '0', '1'], ['GET', 'k']);
  same('GETBIT past the end and on a missing key', ['SET', 'k', 'a'], ['GETBIT', 'k', '8'], ['GETBIT', 'k', '1000000'], ['GETBIT', 'nokey', '0'], ['GETBIT', 'k', '1']);
  same('bits of a binary value', ['SET', 'k', BIN], ...Array.from({ length: 56 }, (_, i) => ['GETBIT', 'k', String(i)]));
  same(
    'offset errors',
    ['SETBIT', 'k', '-1', '1'], ['SETBIT', 'k', 'a', '1'], ['SETBIT', 'k', '4294967296', '1'], ['SETBIT', 'k', '#1', '1'], ['GETBIT', 'k', '-1'],
    ['GETBIT', 'k', '4294967296'], ['GETBIT', 'k', '1.5'], ['SETBIT', 'k', '9223372036854775807', '1'], ['EXISTS', 'k'],
  );
  same('the largest offset GETBIT accepts', ['GETBIT', 'k', '4294967295'], ['SET', 'k', 'x'], ['GETBIT', 'k', '4294967295']);
  same('bit value errors', ['SETBIT', 'k', '0', '2'], ['SETBIT', 'k', '0', '-1'], ['SETBIT', 'k', '0', 'a'], ['SETBIT', 'k', '0', ''], ['SETBIT', 'k', 'a', '2'], ['EXISTS', 'k']);
  same('WRONGTYPE', ['RPUSH', 'l', 'x'], ['SETBIT', 'l', '0', '1'], ['GETBIT', 'l', '0'], ['GETBIT', 'l', '-1']);
  same('SETBIT keeps the TTL and works on numbers', ['SET', 'k', '1', 'EX', '100'], ['SETBIT', 'k', '6', '1'], ['TTL', 'k'], ['GET', 'k'], ['INCR', 'k']);
  eachServer('SETBIT events only when something changes', async (c, open) => {
    expect(await eventsOf(c, open, ['SETBIT', 'k', '0', '0'], ['SETBIT', 'k', '0', '0'], ['SETBIT', 'k', '0', '1'], ['SETBIT', 'k', '0', '1'], ['SETBIT', 'k', '20', '0'], ['SETBIT', 'k', '20', '0']))
      .to.deep.equal(['__keyevent@0__:setbit k', '__keyevent@0__:setbit k', '__keyevent@0__:setbit k']);
  });
});

describe('bits: BITCOUNT', () => {
  const k = ['SET', 'k', 'foobar'];
  same('whole string, missing key, empty string', k, ['BITCOUNT', 'k'], ['BITCOUNT', 'nokey'], ['SET', 'e', ''], ['BITCOUNT', 'e'], ['SET', 'b', BIN], ['BITCOUNT', 'b']);
  same('byte ranges', k, ['BITCOUNT', 'k', '0', '0'], ['BITCOUNT', 'k', '1', '1'], ['BITCOUNT', 'k', '1', '-1'], ['BITCOUNT', 'k', '-2', '-1'], ['BITCOUNT', 'k', '0', '100'], ['BITCOUNT', 'k', '-100', '-1'], ['BITCOUNT', 'k', '4', '2'], ['BITCOUNT', 'k', '-1', '-2'], ['BITCOUNT', 'k', '0', '-100'], ['BITCOUNT', 'k', '0', '1', 'BYTE']);
  same('bit ranges', k, ['BITCOUNT', 'k', '5', '30', 'BIT'], ['BITCOUNT', 'k', '0', '0', 'bit'], ['BITCOUNT', 'k', '1', '1', 'BIT'], ['BITCOUNT', 'k', '-3', '-1', 'BIT'], ['BITCOUNT', 'k', '0', '47', 'BIT'], ['BITCOUNT', 'k', '3', '5', 'BIT'], ['BITCOUNT', 'k', '9', '100', 'BIT'], ['BITCOUNT', 'k', '7', '8', 'BIT'], ['BITCOUNT', 'k', '-100', '3', 'BIT']);
  same('extreme ranges', k, ['BITCOUNT', 'k', '-9223372036854775808', '9223372036854775807'], ['BITCOUNT', 'k', '9223372036854775807', '9223372036854775807', 'BIT'], ['BITCOUNT', 'k', '-9223372036854775807', '-9223372036854775808'], ['BITCOUNT', 'k', '-9223372036854775808', '-9223372036854775807', 'BIT']);
  same(
    'argument errors',
    k, ['BITCOUNT', 'k', '0'], ['BITCOUNT', 'k', '0', '1', 'FOO'], ['BITCOUNT', 'k', '0', '1', 'BIT', 'x'], ['BITCOUNT', 'k', 'a', '1'], ['BITCOUNT', 'k', '1', 'b'],
    ['BITCOUNT', 'k', '-1', '-2', 'FOO'], ['BITCOUNT', 'k', '0', '1', '2'],
  );
  same('a missing key answers 0 whatever the arguments', ['BITCOUNT', 'nokey', '0'], ['BITCOUNT', 'nokey', 'a', 'b', 'c', 'd']);
  same('WRONGTYPE', ['RPUSH', 'l', 'x'], ['BITCOUNT', 'l'], ['BITCOUNT', 'l', '0']);
  it('random ranges match Redis', async () => {
    let seed = 3;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const bytes = Buffer.from(Array.from({ length: 40 }, () => Math.floor(rnd() * 256)));
    const cmds: Array<Array<string | Buffer>> = [['SET', 'k', bytes]];
    for (let i = 0; i < 120; i++) {
      const a = String(Math.floor(rnd() * 400) - 200);
      const b = String(Math.floor(rnd() * 400) - 200);
      cmds.push(['BITCOUNT', 'k', a, b, i % 2 ? 'BIT' : 'BYTE']);
    }
    await compare(...cmds);
  });
});

describe('bits: BITPOS', () => {
  same('first set and clear bit', ['SET', 'k', Buffer.from([0xff, 0xf0, 0x00])], ['BITPOS', 'k', '0'], ['BITPOS', 'k', '1'], ['BITPOS', 'k', '0', '2'], ['BITPOS', 'k', '1', '2']);
  same('all ones: clear bit is past the end unless an end is given', ['SET', 'k', Buffer.from([0xff, 0xff, 0xff])], ['BITPOS', 'k', '0'], ['BITPOS', 'k', '0', '1'], ['BITPOS', 'k', '0', '0', '-1'], ['BITPOS', 'k', '0', '3', 'BIT'], ['BITPOS', 'k', '0', '3', '-1', 'BIT'], ['BITPOS', 'k', '1', '1']);
  same('all zeros', ['SET', 'k', Buffer.from([0, 0, 0])], ['BITPOS', 'k', '1'], ['BITPOS', 'k', '0'], ['BITPOS', 'k', '1', '1', '-1'], ['BITPOS', 'k', '0', '5', '9', 'BIT']);
  same('missing key and empty string', ['BITPOS', 'nokey', '0'], ['BITPOS', 'nokey', '1'], ['BITPOS', 'nokey', '1', 'a', 'b', 'c', 'd'], ['SET', 'e', ''], ['BITPOS', 'e', '0'], ['BITPOS', 'e', '1'], ['BITPOS', 'e', '0', '0']);
  same('byte ranges', ['SET', 'k', BIN], ['BITPOS', 'k', '1', '2'], ['BITPOS', 'k', '0', '1'], ['BITPOS', 'k', '1', '-1'], ['BITPOS', 'k', '0', '-3', '-2'], ['BITPOS', 'k', '1', '5', '3'], ['BITPOS', 'k', '1', '100'], ['BITPOS', 'k', '0', '-100', '-100']);
  same('bit ranges', ['SET', 'k', BIN], ['BITPOS', 'k', '1', '9', '12', 'BIT'], ['BITPOS', 'k', '0', '8', '15', 'BIT'], ['BITPOS', 'k', '0', '8', '-1', 'bit'], ['BITPOS', 'k', '1', '20', '27', 'BIT'], ['BITPOS', 'k', '0', '20', '27', 'BIT'], ['BITPOS', 'k', '1', '-1', '-1', 'BIT'], ['BITPOS', 'k', '1', '3', '4', 'BYTE']);
  same(
    'argument errors',
    ['SET', 'k', 'abc'], ['BITPOS', 'k', '2'], ['BITPOS', 'k', '-1'], ['BITPOS', 'k', 'a'], ['BITPOS', 'nokey', '2'], ['BITPOS', 'k', '1', 'x'], ['BITPOS', 'k', '1', '0', 'x'],
    ['BITPOS', 'k', '1', '0', '1', 'FOO'], ['BITPOS', 'k', '1', 'a', '1', 'FOO'], ['BITPOS', 'k', '1', '0', 'a', 'FOO'], ['BITPOS', 'k', '1', '0', '1', 'BIT', 'x'],
  );
  same('WRONGTYPE', ['RPUSH', 'l', 'x'], ['BITPOS', 'l', '1'], ['BITPOS', 'l', '2']);
  it('random ranges match Redis', async () => {
    let seed = 5;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = [0x00, 0xff, 0x0f, 0xf0, 0x01, 0x80, 0x7f, 0xfe];
    const cmds: Array<Array<string | Buffer>> = [];
    for (let r = 0; r < 6; r++) {
      cmds.push(['SET', 'k', Buffer.from(Array.from({ length: 12 }, () => pick[Math.floor(rnd() * pick.length)]))]);
      for (let i = 0; i < 40; i++) {
        const a = String(Math.floor(rnd() * 200) - 100);
        const b = String(Math.floor(rnd() * 200) - 100);
        const bit = String(i % 2);
        const form = i % 4;
        cmds.push(form === 0 ? ['BITPOS', 'k', bit, a] : form === 1 ? ['BITPOS', 'k', bit, a, b] : ['BITPOS', 'k', bit, a, b, form === 2 ? 'BIT' : 'BYTE']);
      }
    }
    await compare(...cmds);
  });
});

describe('bits: BITOP', () => {
  const ab = [['SET', 'a', Buffer.from([0xf0, 0x0f, 0xaa])], ['SET', 'b', Buffer.from([0xff, 0x00])]];
  same('AND, OR, XOR, NOT', ...ab, ['BITOP', 'AND', 'd', 'a', 'b'], ['GET', 'd'], ['BITOP', 'or', 'd', 'a', 'b'], ['GET', 'd'], ['BITOP', 'XOR', 'd', 'a', 'b'], ['GET', 'd'], ['BITOP', 'NOT', 'd', 'a'], ['GET', 'd']);
  same('one source and repeated sources', ...ab, ['BITOP', 'AND', 'd', 'a'], ['GET', 'd'], ['BITOP', 'XOR', 'd', 'a', 'a'], ['GET', 'd'], ['BITOP', 'OR', 'd', 'b', 'b', 'a'], ['GET', 'd']);
  same('missing sources are empty strings', ...ab, ['BITOP', 'AND', 'd', 'a', 'nokey'], ['GET', 'd'], ['BITOP', 'OR', 'd', 'nokey', 'b'], ['GET', 'd'], ['BITOP', 'NOT', 'd', 'nokey'], ['EXISTS', 'd']);
  same('an empty result deletes the destination', ['SET', 'd', 'x', 'EX', '100'], ['BITOP', 'OR', 'd', 'n1', 'n2'], ['EXISTS', 'd'], ['RPUSH', 'l', 'x'], ['BITOP', 'AND', 'l', 'nokey'], ['EXISTS', 'l'], ['SET', 'e', ''], ['BITOP', 'OR', 'd', 'e'], ['EXISTS', 'd']);
  same('the destination is replaced whatever its type and TTL', ...ab, ['RPUSH', 'd', 'x'], ['BITOP', 'OR', 'd', 'a'], ['TYPE', 'd'], ['SET', 'e', 'v', 'EX', '100'], ['BITOP', 'AND', 'e', 'a'], ['TTL', 'e']);
  same('the destination may be a source', ...ab, ['BITOP', 'XOR', 'a', 'a', 'b'], ['GET', 'a']);
  same(
    'errors',
    ...ab, ['BITOP', 'NAND', 'd', 'a'], ['BITOP', 'NOT', 'd', 'a', 'b'], ['BITOP', 'AND', 'd'], ['RPUSH', 'l', 'x'], ['BITOP', 'AND', 'd', 'a', 'l'],
    ['BITOP', 'NOT', 'd', 'l'], ['BITOP', 'FOO', 'd', 'l'], ['EXISTS', 'd'],
  );
  same('long operands', ['SET', 'a', 'x'.repeat(1000)], ['SET', 'b', 'Y'.repeat(700)], ['BITOP', 'AND', 'd', 'a', 'b'], ['BITCOUNT', 'd'], ['BITOP', 'XOR', 'd', 'a', 'b'], ['GETRANGE', 'd', '690', '710'], ['BITOP', 'NOT', 'd', 'b'], ['BITCOUNT', 'd']);
  eachServer('BITOP events', async (c, open) => {
    await c.call('SET', 'a', 'x');
    await c.call('SET', 'd', 'x');
    expect(await eventsOf(c, open, ['BITOP', 'AND', 'd', 'a'], ['BITOP', 'AND', 'd', 'nokey'], ['BITOP', 'AND', 'd', 'nokey']))
      .to.deep.equal(['__keyevent@0__:set d', '__keyevent@0__:del d']);
  });
});

describe('bits: BITFIELD', () => {
  same('GET of a missing key is zeros', ['BITFIELD', 'k', 'GET', 'u8', '0', 'GET', 'i64', '100', 'GET', 'u63', '#3'], ['EXISTS', 'k']);
  same('SET returns the old value, GET reads it back', ['BITFIELD', 'k', 'SET', 'u8', '0', '255', 'GET', 'u8', '0', 'SET', 'i8', '8', '-100', 'GET', 'i8', '8', 'GET', 'u16', '0'], ['GET', 'k']);
  same('unaligned fields', ['BITFIELD', 'k', 'SET', 'u5', '7', '23', 'GET', 'u5', '7', 'SET', 'i13', '3', '-4000', 'GET', 'i13', '3', 'GET', 'u2', '4'], ['GET', 'k']);
  same('# offsets multiply by the width', ['BITFIELD', 'k', 'SET', 'u8', '#1', '200', 'SET', 'i4', '#5', '-3', 'GET', 'u8', '8', 'GET', 'i4', '#5', 'GET', 'u8', '#0'], ['GET', 'k']);
  same('INCRBY wraps by default', ['BITFIELD', 'k', 'INCRBY', 'u2', '100', '1', 'INCRBY', 'u2', '100', '1', 'INCRBY', 'u2', '100', '1', 'INCRBY', 'u2', '100', '1'], ['BITFIELD', 'k', 'INCRBY', 'i8', '0', '127', 'INCRBY', 'i8', '0', '1', 'INCRBY', 'i8', '0', '-1']);
  same('OVERFLOW SAT', ['BITFIELD', 'k', 'OVERFLOW', 'SAT', 'INCRBY', 'u8', '0', '300', 'INCRBY', 'u8', '0', '-1000', 'INCRBY', 'i8', '8', '200', 'INCRBY', 'i8', '8', '-1000', 'SET', 'i8', '16', '1000', 'SET', 'u8', '24', '-1', 'GET', 'i8', '16', 'GET', 'u8', '24']);
  same('OVERFLOW FAIL answers nil and writes nothing', ['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'INCRBY', 'u8', '0', '300', 'INCRBY', 'u8', '0', '10', 'INCRBY', 'u8', '0', '250', 'SET', 'i4', '8', '8', 'SET', 'i4', '8', '7', 'GET', 'u8', '0'], ['GET', 'k']);
  same('OVERFLOW applies to the operations after it', ['BITFIELD', 'k', 'INCRBY', 'u4', '0', '20', 'OVERFLOW', 'SAT', 'INCRBY', 'u4', '0', '20', 'OVERFLOW', 'wrap', 'INCRBY', 'u4', '0', '1', 'overflow', 'fail', 'INCRBY', 'u4', '0', '20']);
  same('WRAP of out-of-range SET values', ['BITFIELD', 'k', 'SET', 'u8', '0', '257', 'SET', 'i8', '8', '200', 'SET', 'i8', '16', '-129', 'SET', 'u8', '24', '-1', 'SET', 'u4', '32', '-9223372036854775808', 'GET', 'u8', '0', 'GET', 'i8', '8', 'GET', 'i8', '16', 'GET', 'u8', '24', 'GET', 'u4', '32']);
  same('64-bit signed fields', ['BITFIELD', 'k', 'SET', 'i64', '0', '-9223372036854775808', 'GET', 'i64', '0', 'INCRBY', 'i64', '0', '-1', 'OVERFLOW', 'SAT', 'INCRBY', 'i64', '0', '1', 'INCRBY', 'i64', '0', '9223372036854775807', 'OVERFLOW', 'FAIL', 'INCRBY', 'i64', '0', '1', 'SET', 'i64', '3', '9223372036854775807', 'GET', 'u63', '4']);
  same('63-bit unsigned fields', ['BITFIELD', 'k', 'SET', 'u63', '0', '9223372036854775807', 'GET', 'u63', '0', 'INCRBY', 'u63', '0', '1', 'OVERFLOW', 'SAT', 'INCRBY', 'u63', '0', '-9223372036854775808', 'SET', 'u63', '0', '-1', 'GET', 'u63', '0']);
  same('saturation edge cases of SET', ['BITFIELD', 'k', 'OVERFLOW', 'SAT', 'SET', 'i8', '0', '-9223372036854775808', 'SET', 'i8', '0', '-9223372036854775681', 'SET', 'i8', '0', '-200', 'SET', 'u1', '8', '-9223372036854775808', 'GET', 'i8', '0', 'GET', 'u1', '8']);
  same('1-bit fields', ['BITFIELD', 'k', 'SET', 'u1', '3', '1', 'SET', 'i1', '4', '-1', 'GET', 'i1', '3', 'GET', 'u1', '4', 'INCRBY', 'i1', '5', '1', 'INCRBY', 'u1', '6', '3'], ['GET', 'k']);
  same('over existing binary data', ['SET', 'k', BIN], ['BITFIELD', 'k', 'GET', 'i16', '4', 'GET', 'u12', '9', 'INCRBY', 'i7', '20', '33', 'GET', 'i64', '0', 'GET', 'u63', '1'], ['GET', 'k']);
  same('no operations', ['BITFIELD', 'k'], ['EXISTS', 'k'], ['SET', 's', 'x'], ['BITFIELD', 's']);
  same(
    'type errors',
    ['BITFIELD', 'k', 'GET', 'u64', '0'], ['BITFIELD', 'k', 'GET', 'i65', '0'], ['BITFIELD', 'k', 'GET', 'i0', '0'], ['BITFIELD', 'k', 'GET', 'U8', '0'],
    ['BITFIELD', 'k', 'GET', 'x8', '0'], ['BITFIELD', 'k', 'GET', 'u', '0'], ['BITFIELD', 'k', 'GET', 'u08', '0'], ['BITFIELD', 'k', 'GET', 'i-1', '0'], ['BITFIELD', 'k', 'GET', '', '0'], ['BITFIELD', 'k', 'GET', 'u8\x00x', '0'], ['BITFIELD', 'k', 'GET', 'i8 ', '0'],
  );
  same(
    'offset errors',
    ['BITFIELD', 'k', 'GET', 'u8', '-1'], ['BITFIELD', 'k', 'GET', 'u8', 'a'], ['BITFIELD', 'k', 'GET', 'u8', '#-1'], ['BITFIELD', 'k', 'GET', 'u8', '##1'],
    ['BITFIELD', 'k', 'GET', 'u8', '4294967296'], ['BITFIELD', 'k', 'GET', 'u8', '#536870912'], ['BITFIELD', 'k', 'GET', 'u8', '4294967295'],
    ['BITFIELD', 'k', 'GET', 'u2', '#4611686018427387904'], ['BITFIELD', 'k', 'GET', 'i64', '#144115188075855872'], ['BITFIELD', 'k', 'GET', 'u8', '#'],
  );
  same(
    'syntax errors and wrong values',
    ['BITFIELD', 'k', 'FOO'], ['BITFIELD', 'k', 'GET', 'u8'], ['BITFIELD', 'k', 'SET', 'u8', '0'], ['BITFIELD', 'k', 'INCRBY', 'u8', '0'], ['BITFIELD', 'k', 'OVERFLOW'],
    ['BITFIELD', 'k', 'OVERFLOW', 'FOO', 'GET', 'u8', '0'], ['BITFIELD', 'k', 'SET', 'u8', '0', 'a'], ['BITFIELD', 'k', 'SET', 'u8', '0', '1.5'],
    ['BITFIELD', 'k', 'INCRBY', 'u8', '0', '9223372036854775808'], ['BITFIELD', 'k', 'SET', 'u8', '0', '1', 'FOO'], ['EXISTS', 'k'],
  );
  same('errors come before any operation runs', ['BITFIELD', 'k', 'SET', 'u8', '0', '1', 'GET', 'u64', '0'], ['EXISTS', 'k']);
  same('WRONGTYPE', ['RPUSH', 'l', 'x'], ['BITFIELD', 'l', 'GET', 'u8', '0'], ['BITFIELD', 'l', 'SET', 'u8', '0', '1'], ['BITFIELD', 'l'], ['BITFIELD', 'l', 'FOO']);
  same('FAIL on a missing key still creates it', ['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'SET', 'u8', '8', '300'], ['GET', 'k']);
  same('BITFIELD keeps the TTL', ['SET', 'k', 'ab', 'EX', '100'], ['BITFIELD', 'k', 'SET', 'u8', '16', '65'], ['TTL', 'k'], ['GET', 'k']);
  same3('RESP3 nil for FAIL', ['BITFIELD', 'k', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '5', 'INCRBY', 'u2', '0', '1']);
  it('random operations match Redis', async () => {
    let seed = 9;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const cmds: string[][] = [];
    for (let i = 0; i < 80; i++) {
      const cmd = ['BITFIELD', 'k'];
      for (let j = 0; j < 4; j++) {
        const signed = rnd() < 0.5;
        const bits = 1 + Math.floor(rnd() * (signed ? 64 : 63));
        const type = (signed ? 'i' : 'u') + bits;
        const offset = String(Math.floor(rnd() * 100));
        const value = String(Math.floor((rnd() - 0.5) * 2 ** Math.floor(rnd() * 60)));
        const r = rnd();
        if (r < 0.15) cmd.push('OVERFLOW', ['WRAP', 'SAT', 'FAIL'][Math.floor(rnd() * 3)]);
        else if (r < 0.4) cmd.push('GET', type, offset);
        else if (r < 0.7) cmd.push('SET', type, offset, value);
        else cmd.push('INCRBY', type, offset, value);
      }
      cmds.push(cmd);
    }
    cmds.push(['GET', 'k']);
    await compare(...cmds);
  });
  eachServer('BITFIELD events only when a value changes', async (c, open) => {
    expect(await eventsOf(c, open,
      ['BITFIELD', 'k', 'SET', 'u8', '0', '0'], ['BITFIELD', 'k', 'SET', 'u8', '0', '0'], ['BITFIELD', 'k', 'INCRBY', 'u8', '0', '0'], ['BITFIELD', 'k', 'GET', 'u8', '0'],
      ['BITFIELD', 'f', 'OVERFLOW', 'FAIL', 'SET', 'u8', '0', '300'], ['BITFIELD', 'k', 'INCRBY', 'u8', '0', '1', 'INCRBY', 'u8', '0', '1'], ['BITFIELD', 'k', 'SET', 'u8', '100', '0'],
    )).to.deep.equal(['__keyevent@0__:setbit k', '__keyevent@0__:setbit k', '__keyevent@0__:setbit k']);
  });
});

describe('bits: offsets and proto-max-bulk-len', () => {
  eachServer('offsets are bounded by proto-max-bulk-len, a write may end just past it', async (c) => {
    const before = (await c.call('CONFIG', 'GET', 'proto-max-bulk-len'))[1];
    try {
      await c.call('CONFIG', 'SET', 'proto-max-bulk-len', '1048576');
      expect((await c.call('SETBIT', 'k', '8388608', '1')).message).to.equal('ERR bit offset is not an integer or out of range');
      expect((await c.call('GETBIT', 'k', '8388608')).message).to.equal('ERR bit offset is not an integer or out of range');
      expect((await c.call('BITFIELD', 'k', 'GET', 'u8', '#1048576')).message).to.equal('ERR bit offset is not an integer or out of range');
      expect(await c.call('SETBIT', 'k', '8388607', '1')).to.equal(0);
      expect(await c.call('BITFIELD', 'b', 'SET', 'i64', '8388600', '-1')).to.deep.equal([0]);
      expect(await c.call('STRLEN', 'b')).to.equal(1048583);
      expect(await c.call('BITCOUNT', 'b')).to.equal(64);
    } finally {
      await c.call('CONFIG', 'SET', 'proto-max-bulk-len', before);
    }
  });
});

describe('bits: new-key events', () => {
  eachServer('SETBIT, BITOP and BITFIELD fire new when they create the key', async (c, open) => {
    const ev = await events(c, open, 'EAn', async () => {
      for (const cmd of [
        ['SETBIT', 'a', '3', '1'], ['SETBIT', 'a', '3', '1'], ['BITOP', 'NOT', 'b', 'a'], ['BITOP', 'NOT', 'b', 'a'], ['BITFIELD', 'c', 'GET', 'u8', '0'],
        ['BITFIELD', 'c', 'OVERFLOW', 'FAIL', 'INCRBY', 'u2', '0', '9'], ['BITFIELD', 'd', 'SET', 'u8', '0', '1'], ['BITFIELD', 'd', 'SET', 'u8', '0', '2'],
      ]) await c.call(...cmd);
    });
    expect(ev).to.deep.equal(['new a', 'setbit a', 'new b', 'set b', 'set b', 'new c', 'new d', 'setbit d', 'setbit d'].map((e) => '__keyevent@0__:' + e));
  });
});

describe('bits: keymiss', () => {
  eachServer('read lookups of bit commands fire keymiss, writes do not', async (c, open) => {
    const ev = await events(c, open, 'Em', async () => {
      for (const cmd of [['GETBIT', 'a', '0'], ['BITCOUNT', 'b'], ['BITPOS', 'c', '1'], ['BITPOS', 'c', '2'], ['BITOP', 'OR', 'd', 'e', 'f'], ['BITFIELD', 'g', 'GET', 'u8', '0'], ['BITFIELD_RO', 'h', 'GET', 'u8', '0'], ['BITFIELD', 'i', 'SET', 'u8', '0', '1'], ['SETBIT', 'j', '0', '1']]) await c.call(...cmd);
    });
    expect(ev).to.deep.equal(['a', 'b', 'c', 'e', 'f', 'g', 'h'].map((k) => '__keyevent@0__:keymiss ' + k));
  });
});

describe('bits: BITFIELD_RO', () => {
  same('GET only', ['SET', 'k', BIN], ['BITFIELD_RO', 'k', 'GET', 'u8', '8', 'GET', 'i4', '#3'], ['BITFIELD_RO', 'nokey', 'GET', 'u8', '0'], ['BITFIELD_RO', 'k']);
  same('writes are refused after parsing, before the key is looked at', ['RPUSH', 'l', 'x'], ['BITFIELD_RO', 'k', 'SET', 'u8', '0', '1'], ['BITFIELD_RO', 'l', 'INCRBY', 'u8', '0', '1'], ['BITFIELD_RO', 'k', 'OVERFLOW', 'SAT'], ['BITFIELD_RO', 'k', 'SET', 'u64', '0', '1'], ['BITFIELD_RO', 'l', 'GET', 'u8', '0'], ['EXISTS', 'k']);
});
