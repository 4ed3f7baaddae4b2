/**
 * Bitmap commands on string values: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP (BITFIELD lives in
 * bitfield.ts). Bit 0 is the most significant bit of the first byte, as in Redis. Strings are
 * immutable in JS, so a write builds the new value from slices of the old one.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { fail, SYNTAX } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { ZERO, ONE } from '../src/protocol/reply';
import { intArg, isOpt, parseInteger, parseInt64 } from './args';
import { argGreater, checkJsStringLength, markEncoding, readString, storeString } from './strings';

export const commands: CommandSpec[] = [
  command('setbit', 4, 'write denyoom', [1, 1, 1], 'bitmap', 'Sets or clears the bit at offset in the string value stored at key', setbit, { since: '2.2.0', complexity: 'O(1)' }),
  command('getbit', 3, 'readonly fast', [1, 1, 1], 'bitmap', 'Returns the bit value at offset in the string value stored at key', getbit, { since: '2.2.0', complexity: 'O(1)' }),
  command('bitcount', -2, 'readonly', [1, 1, 1], 'bitmap', 'Count set bits in a string', bitcount, { since: '2.6.0', complexity: 'O(N)' }),
  command('bitpos', -3, 'readonly', [1, 1, 1], 'bitmap', 'Find first bit set or clear in a string', bitpos, { since: '2.8.7', complexity: 'O(N)' }),
  command('bitop', -4, 'write denyoom', [2, -1, 1], 'bitmap', 'Perform bitwise operations between strings', bitop, { since: '2.6.0', complexity: 'O(N)' }),
];

const BIT_OFFSET_ERR = 'ERR bit offset is not an integer or out of range';

/**
 * A bit offset argument as Redis's getBitOffsetFromArgument: a non-negative int64 whose byte is
 * below proto-max-bulk-len; with `bits` > 0 (BITFIELD) a `#n` form means n·bits, wrapping as the
 * C multiplication does.
 */
export function bitOffsetArg(c: Client, arg: string, bits: number): number {
  const hash = bits > 0 && arg.charCodeAt(0) === 35; /* '#' */
  const s = hash ? arg.slice(1) : arg;
  const limit = c.server.config.maxBulkLen;
  if (s.length < 16) {
    // Small enough that n·bits (bits ≤ 64) stays exact and cannot wrap.
    const v = parseInteger(s);
    if (v === null) fail(BIT_OFFSET_ERR);
    const off = hash ? v * bits : v;
    if (off < 0 || Math.floor(off / 8) >= limit) fail(BIT_OFFSET_ERR);
    return off;
  }
  const big = parseInt64(s);
  if (big === null) fail(BIT_OFFSET_ERR);
  const off = hash ? BigInt.asIntN(64, big * BigInt(bits)) : big;
  if (off < 0n || off >> 3n >= BigInt(limit)) fail(BIT_OFFSET_ERR);
  return Number(off);
}

/** Bits set in each byte value. */
const POPCOUNT = new Uint8Array(256);
for (let i = 1; i < 256; i++) POPCOUNT[i] = (i & 1) + POPCOUNT[i >> 1];

/** SETBIT key offset 0|1: the old bit. Writes (and emits `setbit`) only if something changed. */
function setbit(c: Client, argv: string[]): void {
  const offset = bitOffsetArg(c, argv[2], 0);
  const on = parseInteger(argv[3]);
  if (on !== 0 && on !== 1) fail('ERR bit is not an integer or out of range');
  const db = c.db;
  const key = argv[1];
  const cur = db.getString(key);
  const byte = Math.floor(offset / 8);
  let s = cur ?? '';
  let dirty = cur === undefined;
  if (s.length <= byte) {
    checkJsStringLength(byte + 1);
    s += '\0'.repeat(byte + 1 - s.length);
    dirty = true;
  }
  const old = s.charCodeAt(byte);
  const shift = 7 - (offset % 8);
  const bitval = (old >> shift) & 1;
  if (dirty || bitval !== on) {
    const next = on ? old | (1 << shift) : old & ~(1 << shift);
    db.set(key, s.slice(0, byte) + String.fromCharCode(next) + s.slice(byte + 1), true);
    if (cur === undefined) db.notify(NOTIFY.NEW, 'new', key);
    db.notify(NOTIFY.STRING, 'setbit', key);
  }
  // Redis unshares the value into a raw string even when the bit does not change.
  markEncoding(db, key, 'raw');
  c.out.raw(bitval ? ONE : ZERO);
}

/** GETBIT key offset: bits past the end read as 0. */
function getbit(c: Client, argv: string[]): void {
  const offset = bitOffsetArg(c, argv[2], 0);
  const v = readString(c, argv[1]);
  const byte = Math.floor(offset / 8);
  const bit = v !== undefined && byte < v.length ? (v.charCodeAt(byte) >> (7 - (offset % 8))) & 1 : 0;
  c.out.raw(bit ? ONE : ZERO);
}

/**
 * Resolves a start/end pair as BITCOUNT and BITPOS do: negative indexes from the end (of the
 * string, or of its bits in BIT mode), clamped to the value. Returns the inclusive bit range as
 * [firstBit, lastBit], empty (first > last) when nothing is covered.
 */
function bitRange(len: number, start: number, end: number, isBit: boolean): [number, number] {
  const total = isBit ? len * 8 : len;
  if (start < 0) start = total + start;
  if (end < 0) end = total + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= total) end = total - 1;
  if (start > end) return [1, 0];
  return isBit ? [start, end] : [start * 8, end * 8 + 7];
}

/** BIT|BYTE unit argument; anything else is a syntax error. */
function isBitUnit(arg: string): boolean {
  if (isOpt(arg, 'bit')) return true;
  if (isOpt(arg, 'byte')) return false;
  fail(SYNTAX);
}

/**
 * BITCOUNT key [start end [BYTE|BIT]]. The key is looked up before the arguments are read, so a
 * missing key answers 0 whatever follows (as in Redis).
 */
function bitcount(c: Client, argv: string[]): void {
  const v = readString(c, argv[1]);
  if (v === undefined) {
    c.out.raw(ZERO);
    return;
  }
  let first = 0;
  let last = v.length * 8 - 1;
  if (argv.length === 4 || argv.length === 5) {
    const start = intArg(argv[2]);
    const end = intArg(argv[3]);
    if (start < 0 && end < 0 && argGreater(argv[2], start, argv[3], end)) {
      c.out.raw(ZERO);
      return;
    }
    const isBit = argv.length === 5 && isBitUnit(argv[4]);
    [first, last] = bitRange(v.length, start, end, isBit);
  } else if (argv.length !== 2) {
    fail(SYNTAX);
  }
  c.out.int(countBits(v, first, last));
}

/** Set bits of s within the inclusive bit range [first, last]. */
function countBits(s: string, first: number, last: number): number {
  if (first > last) return 0;
  const fb = Math.floor(first / 8);
  const lb = Math.floor(last / 8);
  let n = 0;
  for (let i = fb; i <= lb; i++) n += POPCOUNT[s.charCodeAt(i)];
  n -= POPCOUNT[s.charCodeAt(fb) & ~(0xff >> (first % 8)) & 0xff];
  n -= POPCOUNT[s.charCodeAt(lb) & (0xff >> ((last % 8) + 1))];
  return n;
}

/**
 * BITPOS key bit [start [end [BYTE|BIT]]]. A missing key is all zeros (0 for bit 0, -1 for bit 1).
 * Looking for 0 without an explicit end treats the value as zero-padded on the right, so "not
 * found" is the first bit after the range; with an explicit end it is -1.
 */
function bitpos(c: Client, argv: string[]): void {
  const bit = intArg(argv[2]);
  if (bit !== 0 && bit !== 1) fail('ERR The bit argument must be 1 or 0.');
  const v = readString(c, argv[1]);
  if (v === undefined) {
    c.out.int(bit ? -1 : 0);
    return;
  }
  let first = 0;
  let last = v.length * 8 - 1;
  let endGiven = false;
  if (argv.length >= 4 && argv.length <= 6) {
    const start = intArg(argv[3]);
    const isBit = argv.length === 6 && isBitUnit(argv[5]);
    let end: number;
    if (argv.length >= 5) {
      end = intArg(argv[4]);
      endGiven = true;
    } else {
      end = isBit ? v.length * 8 + 7 : v.length - 1;
    }
    [first, last] = bitRange(v.length, start, end, isBit);
  } else if (argv.length !== 3) {
    fail(SYNTAX);
  }
  if (first > last) {
    c.out.int(-1);
    return;
  }
  const pos = findBit(v, first, last, bit);
  if (pos !== -1) c.out.int(pos);
  else c.out.int(bit === 1 || endGiven ? -1 : last + 1);
}

/** Position of the first bit equal to `bit` in the inclusive bit range [first, last], or -1. */
function findBit(s: string, first: number, last: number, bit: number): number {
  const fb = Math.floor(first / 8);
  const lb = Math.floor(last / 8);
  const flip = bit ? 0 : 0xff; // look for ones in the (possibly inverted) byte
  for (let i = fb; i <= lb; i++) {
    let b = s.charCodeAt(i) ^ flip;
    if (i === fb) b &= 0xff >> (first % 8);
    if (i === lb) b &= (0xff << (7 - (last % 8))) & 0xff;
    if (b !== 0) return i * 8 + Math.clz32(b) - 24;
  }
  return -1;
}

/**
 * BITOP AND|OR|XOR|NOT destkey key [key …]: missing keys are empty strings, shorter inputs are
 * zero-padded; an empty result deletes destkey (`del`), otherwise it is stored (`set`).
 */
function bitop(c: Client, argv: string[]): void {
  const opname = argv[1];
  let op: number;
  if (isOpt(opname, 'and')) op = 0;
  else if (isOpt(opname, 'or')) op = 1;
  else if (isOpt(opname, 'xor')) op = 2;
  else if (isOpt(opname, 'not')) op = 3;
  else fail(SYNTAX);
  if (op === 3 && argv.length !== 4) fail('ERR BITOP NOT must be called with a single source key.');
  const db = c.db;
  const srcs: Buffer[] = [];
  let maxlen = 0;
  for (let i = 3; i < argv.length; i++) {
    const v = readString(c, argv[i]) ?? '';
    srcs.push(Buffer.from(v, 'latin1'));
    if (v.length > maxlen) maxlen = v.length;
  }
  const dest = argv[2];
  if (maxlen === 0) {
    if (db.delete(dest)) db.notify(NOTIFY.GENERIC, 'del', dest);
    c.out.int(0);
    return;
  }
  const res = Buffer.alloc(maxlen);
  const s0 = srcs[0];
  if (op === 3) {
    for (let j = 0; j < maxlen; j++) res[j] = ~(j < s0.length ? s0[j] : 0) & 0xff;
  } else {
    s0.copy(res);
    for (let i = 1; i < srcs.length; i++) {
      const s = srcs[i];
      const n = s.length;
      if (op === 0) {
        for (let j = 0; j < maxlen; j++) res[j] &= j < n ? s[j] : 0;
      } else if (op === 1) {
        for (let j = 0; j < n; j++) res[j] |= s[j];
      } else {
        for (let j = 0; j < n; j++) res[j] ^= s[j];
      }
    }
  }
  storeString(db, dest, res.latin1Slice(0, maxlen));
  markEncoding(db, dest, 'raw');
  db.notify(NOTIFY.STRING, 'set', dest);
  c.out.int(maxlen);
}
