/**
 * BITFIELD and BITFIELD_RO: signed and unsigned integers of 1..64 bits (u64 excluded) at any bit
 * offset of a string, with Redis's OVERFLOW WRAP/SAT/FAIL rules. The overflow checks are ported
 * from Redis's C with int64/uint64 wrap-around made explicit through BigInt.asIntN/asUintN, so
 * out-of-range SET values saturate and wrap exactly as they do there.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { fail, SYNTAX, WRONGTYPE } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { int64Arg, isOpt, parseInteger } from './args';
import { bitOffsetArg } from './bits';
import { checkJsStringLength, lookupRead, markEncoding } from './strings';

export const commands: CommandSpec[] = [
  command('bitfield', -2, 'write denyoom', [1, 1, 1], 'bitmap', 'Perform arbitrary bitfield integer operations on strings', bitfield, {
    since: '3.2.0',
    complexity: 'O(1) for each subcommand specified',
  }),
  command('bitfield_ro', -2, 'readonly fast', [1, 1, 1], 'bitmap', 'Perform arbitrary bitfield integer operations on strings. Read-only variant of BITFIELD', bitfieldRo, {
    since: '6.0.0',
    complexity: 'O(1) for each subcommand specified',
  }),
];

const OP_GET = 0, OP_SET = 1, OP_INCRBY = 2;
const WRAP = 0, SAT = 1, FAILOW = 2;
const INT64_MAX = 2n ** 63n - 1n;
const TYPE_ERR = 'ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is.';

interface BitfieldOp {
  opcode: number;
  offset: number;
  /** SET value or INCRBY increment (an int64). */
  value: bigint;
  overflow: number;
  bits: number;
  signed: boolean;
}

/** BITFIELD key [GET type offset] [SET type offset value] [INCRBY type offset incr] [OVERFLOW WRAP|SAT|FAIL] … */
function bitfield(c: Client, argv: string[]): void {
  bitfieldGeneric(c, argv, false);
}

/** BITFIELD_RO key [GET type offset] …: GET only. */
function bitfieldRo(c: Client, argv: string[]): void {
  bitfieldGeneric(c, argv, true);
}

/** A type argument: i1..i64 or u1..u63 (lowercase prefix only, as in Redis). */
function parseType(arg: string): [boolean, number] {
  const p = arg.charCodeAt(0);
  if (p !== 105 /* i */ && p !== 117 /* u */) fail(TYPE_ERR);
  const signed = p === 105;
  let rest = arg.slice(1);
  const nul = rest.indexOf('\0');
  if (nul !== -1) rest = rest.slice(0, nul); // Redis reads the C string
  const bits = parseInteger(rest);
  if (bits === null || bits < 1 || (signed && bits > 64) || (!signed && bits > 63)) fail(TYPE_ERR);
  return [signed, bits];
}

/** Redis's bitfieldGeneric: parse every operation first, then look the key up, then run them in order. */
function bitfieldGeneric(c: Client, argv: string[], readonlyCmd: boolean): void {
  const ops: BitfieldOp[] = [];
  let overflow = WRAP;
  let readonly = true;
  let highest = 0;
  for (let j = 2; j < argv.length; j++) {
    const remargs = argv.length - j - 1;
    const sub = argv[j];
    let opcode: number;
    if (isOpt(sub, 'get') && remargs >= 2) opcode = OP_GET;
    else if (isOpt(sub, 'set') && remargs >= 3) opcode = OP_SET;
    else if (isOpt(sub, 'incrby') && remargs >= 3) opcode = OP_INCRBY;
    else if (isOpt(sub, 'overflow') && remargs >= 1) {
      const t = argv[++j];
      if (isOpt(t, 'wrap')) overflow = WRAP;
      else if (isOpt(t, 'sat')) overflow = SAT;
      else if (isOpt(t, 'fail')) overflow = FAILOW;
      else fail('ERR Invalid OVERFLOW type specified');
      continue;
    } else fail(SYNTAX);
    const [signed, bits] = parseType(argv[j + 1]);
    const offset = bitOffsetArg(c, argv[j + 2], bits);
    let value = 0n;
    if (opcode !== OP_GET) {
      readonly = false;
      if (highest < offset + bits - 1) highest = offset + bits - 1;
      value = int64Arg(argv[j + 3]);
    }
    ops.push({ opcode, offset, value, overflow, bits, signed });
    j += opcode === OP_GET ? 2 : 3;
  }

  if (!readonly && readonlyCmd) fail('ERR BITFIELD_RO only supports the GET subcommand');
  const db = c.db;
  const key = argv[1];
  const cur = readonly ? lookupRead(c, key) : db.get(key);
  if (cur !== undefined && typeof cur !== 'string') fail(WRONGTYPE);
  let s = cur ?? '';
  let dirty = false;
  if (!readonly) {
    // Make room up to the farthest bit written, as lookupStringForBitCommand.
    const need = Math.floor(highest / 8) + 1;
    if (cur === undefined || s.length < need) {
      if (s.length < need) {
        checkJsStringLength(need);
        s += '\0'.repeat(need - s.length);
      }
      dirty = true;
    }
  }

  const out = c.out;
  out.array(ops.length);
  let changes = 0;
  for (const op of ops) {
    const old = readField(s, op.offset, op.bits, op.signed);
    if (op.opcode === OP_GET) {
      out.int(old);
      continue;
    }
    let next: bigint;
    let ret: bigint;
    let over: number;
    if (op.signed) {
      if (op.opcode === OP_INCRBY) {
        [over, next] = checkSigned(old, op.value, op.bits, op.overflow);
        if (over === 0) next = old + op.value;
        ret = next;
      } else {
        [over, next] = checkSigned(op.value, 0n, op.bits, op.overflow);
        if (over === 0) next = op.value;
        ret = old;
      }
    } else {
      if (op.opcode === OP_INCRBY) {
        [over, next] = checkUnsigned(old, op.value, op.bits, op.overflow);
        if (over === 0) next = old + op.value;
        ret = next;
      } else {
        const v = BigInt.asUintN(64, op.value);
        [over, next] = checkUnsigned(v, 0n, op.bits, op.overflow);
        if (over === 0) next = v;
        ret = old;
      }
    }
    if (over !== 0 && op.overflow === FAILOW) {
      out.nullBulk();
      continue;
    }
    out.int(ret);
    s = writeField(s, op.offset, op.bits, next);
    if (dirty || old !== next) changes++;
  }

  if (changes !== 0) {
    db.set(key, s, true);
  } else if (dirty) {
    // Redis creates or grows the value even when every write failed, without signalling a change.
    db.map.set(key, s);
  }
  if (!readonly) markEncoding(db, key, 'raw');
  if (!readonly && cur === undefined) db.notify(NOTIFY.NEW, 'new', key);
  if (changes !== 0) db.notify(NOTIFY.STRING, 'setbit', key);
}

/** The field of `bits` bits at `offset` (zeros past the end), two's complement when signed. */
function readField(s: string, offset: number, bits: number, signed: boolean): bigint {
  const first = Math.floor(offset / 8);
  const last = Math.floor((offset + bits - 1) / 8);
  let w = 0n;
  for (let i = first; i <= last; i++) w = (w << 8n) | BigInt(i < s.length ? s.charCodeAt(i) : 0);
  const shift = BigInt((last - first + 1) * 8 - (offset - first * 8) - bits);
  const v = BigInt.asUintN(bits, w >> shift);
  return signed ? BigInt.asIntN(bits, v) : v;
}

/** s with the field at `offset` replaced by the low `bits` bits of value (s covers the field). */
function writeField(s: string, offset: number, bits: number, value: bigint): string {
  const first = Math.floor(offset / 8);
  const last = Math.floor((offset + bits - 1) / 8);
  let w = 0n;
  for (let i = first; i <= last; i++) w = (w << 8n) | BigInt(s.charCodeAt(i));
  const shift = BigInt((last - first + 1) * 8 - (offset - first * 8) - bits);
  const mask = ((1n << BigInt(bits)) - 1n) << shift;
  w = (w & ~mask) | ((BigInt.asUintN(bits, value) << shift) & mask);
  let chunk = '';
  for (let i = last; i >= first; i--) {
    chunk = String.fromCharCode(Number(w & 0xffn)) + chunk;
    w >>= 8n;
  }
  return s.slice(0, first) + chunk + s.slice(last + 1);
}

/**
 * Redis's checkSignedBitfieldOverflow: [0, _] when value+incr fits, else [1 | -1, the value to
 * store] (wrapped or saturated; unused for FAIL). maxincr/minincr wrap as int64 as they do in C.
 */
function checkSigned(value: bigint, incr: bigint, bits: number, owtype: number): [number, bigint] {
  const max = bits === 64 ? INT64_MAX : (1n << BigInt(bits - 1)) - 1n;
  const min = -max - 1n;
  const maxincr = BigInt.asIntN(64, max - value);
  const minincr = BigInt.asIntN(64, min - value);
  let over = 0;
  if (value > max || (bits !== 64 && incr > maxincr) || (value >= 0n && incr > 0n && incr > maxincr)) over = 1;
  else if (value < min || (bits !== 64 && incr < minincr) || (value < 0n && incr < 0n && incr < minincr)) over = -1;
  if (over === 0) return [0, 0n];
  if (owtype === SAT) return [over, over === 1 ? max : min];
  return [over, BigInt.asIntN(bits, BigInt.asUintN(64, value + incr))];
}

/** Redis's checkUnsignedBitfieldOverflow (value is a uint64, incr an int64). */
function checkUnsigned(value: bigint, incr: bigint, bits: number, owtype: number): [number, bigint] {
  const max = (1n << BigInt(bits)) - 1n;
  const maxincr = BigInt.asIntN(64, max - value);
  const minincr = BigInt.asIntN(64, -value);
  let over = 0;
  if (value > max || (incr > 0n && incr > maxincr)) over = 1;
  else if (incr < 0n && incr < minincr) over = -1;
  if (over === 0) return [0, 0n];
  if (owtype === SAT) return [over, over === 1 ? max : 0n];
  return [over, BigInt.asUintN(bits, value + incr)];
}
