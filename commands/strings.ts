/**
 * The string family: GET/SET and their variants, MGET/MSET, APPEND, STRLEN, GETRANGE/SETRANGE.
 * Counters (INCR…, INCRBYFLOAT) live in counters.ts, LCS in lcs.ts, bit commands in bits.ts.
 * Values are the latin1 JS strings themselves; SET and GET are the hottest commands of
 * redis-benchmark, so their plain forms take a path with no option parsing and no allocation.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import type { Database } from '../src/keyspace/database';
import type { Value } from '../src/keyspace/types';
import { fail, WRONGTYPE, SYNTAX, NOT_INTEGER, STRING_TOO_LONG, INVALID_EXPIRE, wrongArity } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { OK, ZERO, ONE, CRLF } from '../src/protocol/reply';
import { intArg, isOpt, parseInteger, parseInt64 } from './args';

export const commands: CommandSpec[] = [
  command('get', 2, 'readonly fast', [1, 1, 1], 'string', 'Get the value of a key', get, { complexity: 'O(1)' }),
  command('set', -3, 'write denyoom', [1, 1, 1], 'string', 'Set the string value of a key', set, { complexity: 'O(1)' }),
  command('setnx', 3, 'write denyoom fast', [1, 1, 1], 'string', 'Set the value of a key, only if the key does not exist', setnx, { complexity: 'O(1)' }),
  command('setex', 4, 'write denyoom', [1, 1, 1], 'string', 'Set the value and expiration of a key', setex, { since: '2.0.0', complexity: 'O(1)' }),
  command('psetex', 4, 'write denyoom', [1, 1, 1], 'string', 'Set the value and expiration in milliseconds of a key', psetex, { since: '2.6.0', complexity: 'O(1)' }),
  command('getset', 3, 'write denyoom fast', [1, 1, 1], 'string', 'Set the string value of a key and return its old value', getset, { complexity: 'O(1)' }),
  command('getdel', 2, 'write fast', [1, 1, 1], 'string', 'Get the value of a key and delete the key', getdel, { since: '6.2.0', complexity: 'O(1)' }),
  command('getex', -2, 'write fast', [1, 1, 1], 'string', 'Get the value of a key and optionally set its expiration', getex, { since: '6.2.0', complexity: 'O(1)' }),
  command('mget', -2, 'readonly fast', [1, -1, 1], 'string', 'Get the values of all the given keys', mget, { complexity: 'O(N) where N is the number of keys to retrieve.' }),
  command('mset', -3, 'write denyoom', [1, -1, 2], 'string', 'Set multiple keys to multiple values', mset, { since: '1.0.1', complexity: 'O(N) where N is the number of keys to set.' }),
  command('msetnx', -3, 'write denyoom', [1, -1, 2], 'string', 'Set multiple keys to multiple values, only if none of the keys exist', msetnx, { since: '1.0.1', complexity: 'O(N) where N is the number of keys to set.' }),
  command('append', 3, 'write denyoom fast', [1, 1, 1], 'string', 'Append a value to a key', append, { since: '2.0.0', complexity: 'O(1)' }),
  command('strlen', 2, 'readonly fast', [1, 1, 1], 'string', 'Get the length of the value stored in a key', strlen, { since: '2.2.0', complexity: 'O(1)' }),
  command('getrange', 4, 'readonly', [1, 1, 1], 'string', 'Get a substring of the string stored at a key', getrange, { since: '2.4.0', complexity: 'O(N) where N is the length of the returned string.' }),
  command('substr', 4, 'readonly', [1, 1, 1], 'string', 'Get a substring of the string stored at a key', getrange, { complexity: 'O(N) where N is the length of the returned string.' }),
  command('setrange', 4, 'write denyoom', [1, 1, 1], 'string', 'Overwrite part of a string at key starting at the specified offset', setrange, { since: '2.2.0', complexity: 'O(1), not counting the time taken to copy the new string in place.' }),
];

/** V8's longest string: Respite cannot hold a longer value even if proto-max-bulk-len allows it. */
const MAX_JS_STRING = 536870888;
const INT64_MAX = 2n ** 63n - 1n;

/**
 * Redis's checkStringLength: a value may not grow past proto-max-bulk-len (nor past what a JS
 * string can hold).
 */
export function checkStringLength(c: Client, size: number, append: number): void {
  const total = size + append;
  if (total > c.server.config.maxBulkLen || total > MAX_JS_STRING) fail(STRING_TOO_LONG);
}

/**
 * Bit commands grow values without Redis's length check (their offsets are bounded instead), but a
 * JS string cannot pass MAX_JS_STRING: Respite answers the length error where Redis would allocate.
 */
export function checkJsStringLength(size: number): void {
  if (size > MAX_JS_STRING) fail(STRING_TOO_LONG);
}

/**
 * Stores a whole new string value as Redis's setKey: a lookup first (so a key that just expired
 * fires `expired` before the write's own event), then the write, which drops the TTL; a key that
 * did not exist fires `new`. The map's size tells whether the key is new without a second lookup.
 */
export function storeString(db: Database, key: string, value: string): void {
  if (db.expires.size !== 0) db.get(key);
  const before = db.map.size;
  db.set(key, value);
  if (db.map.size !== before) db.notify(NOTIFY.NEW, 'new', key);
}

/**
 * Records the encoding Redis gives a string it edited in place ('raw': APPEND, SETRANGE, the bit
 * commands) or built from a long double ('embstr': INCRBYFLOAT), which its content alone would not
 * tell OBJECT ENCODING. The next write of the key forgets it (Database.set).
 */
export function markEncoding(db: Database, key: string, enc: 'raw' | 'embstr'): void {
  if (db.stringEncodings === null) db.stringEncodings = new Map();
  db.stringEncodings.set(key, enc);
}

/**
 * Redis's lookupKeyRead: the live value, counted as a keyspace hit or miss (INFO stats), a miss
 * also firing `keymiss` (class m). Read-only lookups of every command go through it; lookups made
 * to write (lookupKeyWrite) use db.get and count nothing, as in Redis.
 */
export function lookupRead(c: Client, key: string): Value | undefined {
  const v = c.db.get(key);
  if (v === undefined) {
    c.server.stats.keyspaceMisses++;
    c.db.notify(NOTIFY.KEY_MISS, 'keymiss', key);
  } else {
    c.server.stats.keyspaceHits++;
  }
  return v;
}

/** lookupRead of a string value: WRONGTYPE (after counting the hit, as Redis) for other types. */
export function readString(c: Client, key: string): string | undefined {
  const v = lookupRead(c, key);
  if (v !== undefined && typeof v !== 'string') fail(WRONGTYPE);
  return v;
}

// Flags of Redis's parseExtendedStringArgumentsOrReply.
const NX = 1, XX = 2, EX = 4, PX = 8, KEEPTTL = 16, GET = 32, EXAT = 64, PXAT = 128, PERSIST = 256;
const EXPIRES = EX | PX | EXAT | PXAT;
/** Bits of the parse result holding the flags; the expire argument's index sits above them. */
const FLAG_BITS = 9;

/**
 * Parses SET options (from argv[3]) or GETEX options (from argv[2]) with Redis's rules: each option
 * may follow only options it is compatible with (a repeated EX is fine, EX after PX is not), and any
 * other word is a syntax error. Returns the flags, with the index of the expire argument (0 if
 * none) in the bits above FLAG_BITS, so the hot path builds no object.
 */
function parseExtended(argv: string[], isSet: boolean): number {
  let flags = 0;
  let expireIdx = 0;
  for (let j = isSet ? 3 : 2; j < argv.length; j++) {
    const opt = argv[j];
    const hasNext = j < argv.length - 1;
    if (isSet && isOpt(opt, 'nx') && !(flags & XX)) flags |= NX;
    else if (isSet && isOpt(opt, 'xx') && !(flags & NX)) flags |= XX;
    else if (isSet && isOpt(opt, 'get')) flags |= GET;
    else if (isSet && isOpt(opt, 'keepttl') && !(flags & (PERSIST | EXPIRES))) flags |= KEEPTTL;
    else if (!isSet && isOpt(opt, 'persist') && !(flags & (EXPIRES | KEEPTTL))) flags |= PERSIST;
    else if (isOpt(opt, 'ex') && !(flags & (KEEPTTL | PERSIST | EXAT | PX | PXAT)) && hasNext) {
      flags |= EX;
      expireIdx = ++j;
    } else if (isOpt(opt, 'px') && !(flags & (KEEPTTL | PERSIST | EX | EXAT | PXAT)) && hasNext) {
      flags |= PX;
      expireIdx = ++j;
    } else if (isOpt(opt, 'exat') && !(flags & (KEEPTTL | PERSIST | EX | PX | PXAT)) && hasNext) {
      flags |= EXAT;
      expireIdx = ++j;
    } else if (isOpt(opt, 'pxat') && !(flags & (KEEPTTL | PERSIST | EX | EXAT | PX)) && hasNext) {
      flags |= PXAT;
      expireIdx = ++j;
    } else fail(SYNTAX);
  }
  return flags | (expireIdx << FLAG_BITS);
}

/**
 * The absolute deadline (ms) of an EX/PX/EXAT/PXAT argument, as getExpireMillisecondsOrReply:
 * not an integer → NOT_INTEGER; zero, negative, or overflowing int64 once converted to absolute
 * milliseconds → invalid expire time. Large values take a bigint path to detect the overflow.
 */
function expireDeadline(c: Client, arg: string, flags: number, cmd: string): number {
  const seconds = (flags & (EX | EXAT)) !== 0;
  const relative = (flags & (EX | PX)) !== 0;
  const v = parseInteger(arg);
  if (v === null) fail(NOT_INTEGER);
  if (v <= 0) fail(INVALID_EXPIRE(cmd));
  if (v < 2 ** 42) {
    // v·1000 + now stays an exact double and far inside int64.
    let ms = seconds ? v * 1000 : v;
    if (relative) ms += c.server.clock.now();
    return ms;
  }
  let b = parseInt64(arg)!;
  if (seconds) {
    if (b > INT64_MAX / 1000n) fail(INVALID_EXPIRE(cmd));
    b *= 1000n;
  }
  if (relative) b += BigInt(c.server.clock.now());
  if (b > INT64_MAX) fail(INVALID_EXPIRE(cmd)); // Redis sees the wrapped, negative sum
  return Number(b);
}

/**
 * Redis's setGenericCommand, shared by SET (with options), SETNX, SETEX and PSETEX: validate the
 * expire, answer GET's old value, honour NX/XX, write, and emit `set` (+ `expire`).
 * `okReply` is the raw reply on success; `abortReply` the one when NX/XX prevents the write.
 */
function setGeneric(c: Client, flags: number, key: string, value: string, expire: string | undefined, cmd: string, okReply: string, abortReply: string | null): void {
  const at = expire === undefined ? 0 : expireDeadline(c, expire, flags, cmd);
  const db = c.db;
  const old = flags & GET ? readString(c, key) : db.get(key);
  if (flags & GET) c.out.bulkOrNull(old as string | undefined);
  if (((flags & NX) && old !== undefined) || ((flags & XX) && old === undefined)) {
    if (!(flags & GET)) {
      if (abortReply === null) c.out.nullBulk();
      else c.out.raw(abortReply);
    }
    return;
  }
  db.set(key, value, (flags & KEEPTTL) !== 0 || expire !== undefined);
  if (old === undefined) db.notify(NOTIFY.NEW, 'new', key);
  db.notify(NOTIFY.STRING, 'set', key);
  if (expire !== undefined) {
    db.setExpire(key, at);
    db.notify(NOTIFY.GENERIC, 'expire', key);
  }
  if (!(flags & GET)) c.out.raw(okReply);
}

/** GET key */
function get(c: Client, argv: string[]): void {
  const v = c.db.get(argv[1]);
  if (v === undefined) {
    c.server.stats.keyspaceMisses++;
    c.db.notify(NOTIFY.KEY_MISS, 'keymiss', argv[1]);
    c.out.nullBulk();
    return;
  }
  c.server.stats.keyspaceHits++;
  if (typeof v === 'string') c.out.buf += '$' + v.length + CRLF + v + CRLF;
  else c.out.error(WRONGTYPE);
}

/** SET key value [NX|XX] [GET] [EX s|PX ms|EXAT ts|PXAT ms-ts|KEEPTTL] */
function set(c: Client, argv: string[]): void {
  if (argv.length === 3) {
    const db = c.db;
    const key = argv[1];
    storeString(db, key, argv[2]);
    db.notify(NOTIFY.STRING, 'set', key);
    c.out.buf += OK;
    return;
  }
  const parsed = parseExtended(argv, true);
  const expireIdx = parsed >>> FLAG_BITS;
  setGeneric(c, parsed & ((1 << FLAG_BITS) - 1), argv[1], argv[2], expireIdx === 0 ? undefined : argv[expireIdx], 'set', OK, null);
}

/** SETNX key value: 1 if set, 0 if the key existed. */
function setnx(c: Client, argv: string[]): void {
  setGeneric(c, NX, argv[1], argv[2], undefined, 'setnx', ONE, ZERO);
}

/** SETEX key seconds value */
function setex(c: Client, argv: string[]): void {
  setGeneric(c, EX, argv[1], argv[3], argv[2], 'setex', OK, null);
}

/** PSETEX key milliseconds value */
function psetex(c: Client, argv: string[]): void {
  setGeneric(c, PX, argv[1], argv[3], argv[2], 'psetex', OK, null);
}

/** GETSET key value: the old value; the write drops any TTL. */
function getset(c: Client, argv: string[]): void {
  const db = c.db;
  const key = argv[1];
  const old = readString(c, key);
  c.out.bulkOrNull(old);
  db.set(key, argv[2]);
  if (old === undefined) db.notify(NOTIFY.NEW, 'new', key);
  db.notify(NOTIFY.STRING, 'set', key);
}

/** GETDEL key */
function getdel(c: Client, argv: string[]): void {
  const db = c.db;
  const key = argv[1];
  const v = readString(c, key);
  c.out.bulkOrNull(v);
  if (v !== undefined && db.delete(key)) db.notify(NOTIFY.GENERIC, 'del', key);
}

/**
 * GETEX key [EX|PX|EXAT|PXAT t | PERSIST]. A missing key answers nil before the expire is
 * validated (as in Redis); an absolute deadline already past deletes the key (`del`).
 */
function getex(c: Client, argv: string[]): void {
  const parsed = parseExtended(argv, false);
  const flags = parsed & ((1 << FLAG_BITS) - 1);
  const expireIdx = parsed >>> FLAG_BITS;
  const db = c.db;
  const key = argv[1];
  const v = readString(c, key);
  if (v === undefined) {
    c.out.nullBulk();
    return;
  }
  const at = expireIdx === 0 ? 0 : expireDeadline(c, argv[expireIdx], flags, 'getex');
  c.out.bulk(v);
  if ((flags & (EXAT | PXAT)) && at <= c.server.clock.now()) {
    db.delete(key);
    db.notify(NOTIFY.GENERIC, 'del', key);
  } else if (expireIdx !== 0) {
    db.setExpire(key, at);
    db.modified(key);
    db.notify(NOTIFY.GENERIC, 'expire', key);
  } else if ((flags & PERSIST) && db.persist(key)) {
    db.modified(key);
    db.notify(NOTIFY.GENERIC, 'persist', key);
  }
}

/** MGET key [key …]: nil for missing keys and for keys of other types. */
function mget(c: Client, argv: string[]): void {
  const nil = c.out.protocol === 3 ? '_\r\n' : '$-1\r\n';
  let s = '*' + (argv.length - 1) + CRLF;
  for (let i = 1; i < argv.length; i++) {
    const v = lookupRead(c, argv[i]);
    s += typeof v === 'string' ? '$' + v.length + CRLF + v + CRLF : nil;
  }
  c.out.buf += s;
}

/** MSET key value [key value …] */
function mset(c: Client, argv: string[]): void {
  if (argv.length % 2 === 0) fail(wrongArity('mset'));
  const db = c.db;
  for (let i = 1; i < argv.length; i += 2) {
    storeString(db, argv[i], argv[i + 1]);
    db.notify(NOTIFY.STRING, 'set', argv[i]);
  }
  c.out.buf += OK;
}

/** MSETNX key value [key value …]: all or nothing; 0 if any key exists. */
function msetnx(c: Client, argv: string[]): void {
  if (argv.length % 2 === 0) fail(wrongArity('msetnx'));
  const db = c.db;
  for (let i = 1; i < argv.length; i += 2) {
    if (db.get(argv[i]) !== undefined) {
      c.out.buf += ZERO;
      return;
    }
  }
  for (let i = 1; i < argv.length; i += 2) {
    storeString(db, argv[i], argv[i + 1]); // a repeated key is new only the first time
    db.notify(NOTIFY.STRING, 'set', argv[i]);
  }
  c.out.buf += ONE;
}

/** APPEND key value: the new length; keeps the TTL. */
function append(c: Client, argv: string[]): void {
  const db = c.db;
  const key = argv[1];
  const add = argv[2];
  const cur = db.getString(key);
  let len: number;
  if (cur === undefined) {
    db.set(key, add);
    db.notify(NOTIFY.NEW, 'new', key);
    len = add.length;
  } else {
    checkStringLength(c, cur.length, add.length);
    db.set(key, cur + add, true);
    markEncoding(db, key, 'raw');
    len = cur.length + add.length;
  }
  db.notify(NOTIFY.STRING, 'append', key);
  c.out.int(len);
}

/** STRLEN key */
function strlen(c: Client, argv: string[]): void {
  const v = readString(c, argv[1]);
  c.out.int(v === undefined ? 0 : v.length);
}

/**
 * a > b for two integer arguments already parsed to numbers: exact even beyond 2^53, where two
 * different int64 arguments may have become the same double.
 */
export function argGreater(aArg: string, a: number, bArg: string, b: number): boolean {
  if (a !== b || Number.isSafeInteger(a)) return a > b;
  return BigInt(aArg) > BigInt(bArg);
}

/** GETRANGE key start end (and SUBSTR): inclusive, negative indexes from the end, clamped. */
function getrange(c: Client, argv: string[]): void {
  let start = intArg(argv[2]);
  let end = intArg(argv[3]);
  const v = readString(c, argv[1]);
  if (v === undefined) {
    c.out.bulk('');
    return;
  }
  const len = v.length;
  if (start < 0 && end < 0 && argGreater(argv[2], start, argv[3], end)) {
    c.out.bulk('');
    return;
  }
  if (start < 0) start = len + start;
  if (end < 0) end = len + end;
  if (start < 0) start = 0;
  if (end < 0) end = 0;
  if (end >= len) end = len - 1;
  if (start > end || len === 0) c.out.bulk('');
  else c.out.bulk(v.slice(start, end + 1));
}

/** SETRANGE key offset value: zero-pads as needed; the new length. Keeps the TTL. */
function setrange(c: Client, argv: string[]): void {
  const offset = intArg(argv[2]);
  if (offset < 0) fail('ERR offset is out of range');
  const db = c.db;
  const key = argv[1];
  const value = argv[3];
  const cur = db.getString(key);
  if (value.length === 0) {
    c.out.int(cur === undefined ? 0 : cur.length);
    return;
  }
  checkStringLength(c, offset, value.length);
  let next: string;
  if (cur === undefined) {
    next = '\0'.repeat(offset) + value;
    db.set(key, next);
    db.notify(NOTIFY.NEW, 'new', key);
  } else {
    const head = offset <= cur.length ? cur.slice(0, offset) : cur + '\0'.repeat(offset - cur.length);
    next = head + value + cur.slice(offset + value.length);
    db.set(key, next, true);
  }
  markEncoding(db, key, 'raw');
  db.notify(NOTIFY.STRING, 'setrange', key);
  c.out.int(next.length);
}
