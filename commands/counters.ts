/**
 * String counters: INCR, DECR, INCRBY, DECRBY (64-bit integers, as Redis's incrDecrCommand) and
 * INCRBYFLOAT (80-bit long double, see longdouble.ts). Numbers stay stored as their decimal
 * strings; small values take a plain-number path and only values near the int64 edges use bigint.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { fail, NOT_INTEGER, NOT_FLOAT, OVERFLOW } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { CRLF } from '../src/protocol/reply';
import { parseInteger, parseInt64 } from './args';
import { parseLongDouble, addLongDouble, formatLongDouble, LongDouble } from './longdouble';
import { markEncoding } from './strings';

export const commands: CommandSpec[] = [
  command('incr', 2, 'write denyoom fast', [1, 1, 1], 'string', 'Increment the integer value of a key by one', incr, { complexity: 'O(1)' }),
  command('decr', 2, 'write denyoom fast', [1, 1, 1], 'string', 'Decrement the integer value of a key by one', decr, { complexity: 'O(1)' }),
  command('incrby', 3, 'write denyoom fast', [1, 1, 1], 'string', 'Increment the integer value of a key by the given amount', incrby, { complexity: 'O(1)' }),
  command('decrby', 3, 'write denyoom fast', [1, 1, 1], 'string', 'Decrement the integer value of a key by the given number', decrby, { complexity: 'O(1)' }),
  command('incrbyfloat', 3, 'write denyoom fast', [1, 1, 1], 'string', 'Increment the float value of a key by the given amount', incrbyfloat, { since: '2.6.0', complexity: 'O(1)' }),
];

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/**
 * An int64 argument: a number when it has at most 15 characters (always a safe integer), else a
 * bigint, so values beyond 2^53 keep their exact digits. Null when not an int64.
 */
function parseCounter(s: string): number | bigint | null {
  return s.length < 16 ? parseInteger(s) : parseInt64(s);
}

/**
 * Adds `by` to the integer at key (0 if missing), keeping the TTL, and replies with the result:
 * Redis's incrDecrCommand with its overflow error and `incrby` event.
 */
function incrGeneric(c: Client, key: string, by: number | bigint): void {
  const db = c.db;
  const cur = db.getString(key);
  let next: string;
  const old = cur === undefined ? 0 : parseCounter(cur);
  if (old === null) fail(NOT_INTEGER);
  if (typeof old === 'number' && typeof by === 'number' && Number.isSafeInteger(old + by)) {
    next = String(old + by);
  } else {
    const sum = BigInt(old) + BigInt(by);
    if (sum < INT64_MIN || sum > INT64_MAX) fail(OVERFLOW);
    next = String(sum);
  }
  db.set(key, next, true);
  if (cur === undefined) db.notify(NOTIFY.NEW, 'new', key);
  db.notify(NOTIFY.STRING, 'incrby', key);
  c.out.buf += ':' + next + CRLF;
}

/** INCR key */
function incr(c: Client, argv: string[]): void {
  incrGeneric(c, argv[1], 1);
}

/** DECR key */
function decr(c: Client, argv: string[]): void {
  incrGeneric(c, argv[1], -1);
}

/** INCRBY key increment (the increment is validated before the key is looked at). */
function incrby(c: Client, argv: string[]): void {
  const by = parseCounter(argv[2]);
  if (by === null) fail(NOT_INTEGER);
  incrGeneric(c, argv[1], by);
}

/** DECRBY key decrement: -INT64_MIN does not exist, so Redis refuses it up front. */
function decrby(c: Client, argv: string[]): void {
  const by = parseCounter(argv[2]);
  if (by === null) fail(NOT_INTEGER);
  if (by === INT64_MIN) fail('ERR decrement would overflow');
  incrGeneric(c, argv[1], -by);
}

const LD_ZERO: LongDouble = { neg: false, m: 0n, e: 0, inf: false };

/**
 * INCRBYFLOAT key increment: long double sum of the stored value and the increment, stored and
 * answered as Redis's "%.17Lf" with trailing zeros trimmed. Keeps the TTL.
 */
function incrbyfloat(c: Client, argv: string[]): void {
  const db = c.db;
  const key = argv[1];
  const cur = db.getString(key);
  const value = cur === undefined ? LD_ZERO : parseLongDouble(cur);
  if (value === null) fail(NOT_FLOAT);
  const by = parseLongDouble(argv[2]);
  if (by === null) fail(NOT_FLOAT);
  const sum = addLongDouble(value, by);
  if (sum.inf) fail('ERR increment would produce NaN or Infinity');
  const s = formatLongDouble(sum);
  db.set(key, s, true);
  // createStringObject: embstr up to 44 bytes, never int even for "3".
  if (s.length <= 44) markEncoding(db, key, 'embstr');
  if (cur === undefined) db.notify(NOTIFY.NEW, 'new', key);
  db.notify(NOTIFY.STRING, 'incrbyfloat', key);
  c.out.bulk(s);
}
