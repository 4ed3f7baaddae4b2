/**
 * TTL commands: EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT (with NX XX GT LT), TTL, PTTL, EXPIRETIME,
 * PEXPIRETIME, PERSIST, as Redis 7.0's expire.c. Deadlines are stored as JS numbers (ms); the rare
 * deadline beyond 2^53 ms that only absurd *AT arguments reach is also kept exactly as a bigint so
 * that PEXPIRETIME and PTTL answer the same digits as Redis.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import type { Database } from '../src/keyspace/database';
import { fail, cString, INVALID_EXPIRE, NOT_INTEGER } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { parseInteger, parseInt64 } from './args';
import { lookupRead } from './strings';

export const commands: CommandSpec[] = [
  /** Sets a key's time to live in seconds. */
  command('expire', -3, 'write fast', [1, 1, 1], 'generic', "Set a key's time to live in seconds", (c, a) => expireGeneric(c, a, 'expire', true, 1000), { complexity: 'O(1)' }),
  /** Sets a key's time to live in milliseconds. */
  command('pexpire', -3, 'write fast', [1, 1, 1], 'generic', "Set a key's time to live in milliseconds", (c, a) => expireGeneric(c, a, 'pexpire', true, 1), { since: '2.6.0', complexity: 'O(1)' }),
  /** Sets a key's deadline as a Unix time in seconds. */
  command('expireat', -3, 'write fast', [1, 1, 1], 'generic', 'Set the expiration for a key as a UNIX timestamp', (c, a) => expireGeneric(c, a, 'expireat', false, 1000), { since: '1.2.0', complexity: 'O(1)' }),
  /** Sets a key's deadline as a Unix time in milliseconds. */
  command('pexpireat', -3, 'write fast', [1, 1, 1], 'generic', 'Set the expiration for a key as a UNIX timestamp specified in milliseconds', (c, a) => expireGeneric(c, a, 'pexpireat', false, 1), { since: '2.6.0', complexity: 'O(1)' }),
  /** Seconds left before a key expires (-2 missing, -1 no TTL). */
  command('ttl', 2, 'readonly fast', [1, 1, 1], 'generic', 'Get the time to live for a key in seconds', (c, a) => ttlGeneric(c, a[1], false, false), { complexity: 'O(1)' }),
  /** Milliseconds left before a key expires. */
  command('pttl', 2, 'readonly fast', [1, 1, 1], 'generic', 'Get the time to live for a key in milliseconds', (c, a) => ttlGeneric(c, a[1], true, false), { since: '2.6.0', complexity: 'O(1)' }),
  /** A key's deadline as a Unix time in seconds. */
  command('expiretime', 2, 'readonly fast', [1, 1, 1], 'generic', 'Get the expiration Unix timestamp for a key', (c, a) => ttlGeneric(c, a[1], false, true), { since: '7.0.0', complexity: 'O(1)' }),
  /** A key's deadline as a Unix time in milliseconds. */
  command('pexpiretime', 2, 'readonly fast', [1, 1, 1], 'generic', 'Get the expiration Unix timestamp for a key in milliseconds', (c, a) => ttlGeneric(c, a[1], true, true), { since: '7.0.0', complexity: 'O(1)' }),
  /** Removes a key's TTL. */
  command('persist', 2, 'write fast', [1, 1, 1], 'generic', 'Remove the expiration from a key', persistCommand, { since: '2.2.0', complexity: 'O(1)' }),
];

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);
/** |argument| at or below this cannot overflow int64 (nor leave the safe range) after *1000 + now. */
const SMALL = 2 ** 42;

const EXPIRE_NX = 1;
const EXPIRE_XX = 2;
const EXPIRE_GT = 4;
const EXPIRE_LT = 8;

/**
 * Exact deadlines above Number.MAX_SAFE_INTEGER, keyed by the database's `expires` map (so SWAPDB,
 * which swaps the maps, carries them along). An entry is trusted only while the stored number still
 * equals it, so stale entries are harmless; they are dropped when the key gets an ordinary deadline.
 */
const exactDeadlines = new WeakMap<Map<string, number>, Map<string, bigint>>();

/** A key's deadline exactly (bigint only when beyond 2^53), or undefined when it has none. */
export function deadlineExact(db: Database, key: string): number | bigint | undefined {
  const at = db.getExpire(key);
  if (at === undefined || at <= Number.MAX_SAFE_INTEGER) return at;
  const exact = exactDeadlines.get(db.expires)?.get(key);
  if (exact !== undefined && Number(exact) === at) return exact;
  const big = BigInt(at);
  return big > INT64_MAX ? INT64_MAX : big;
}

/** Sets a key's deadline (the key must exist), keeping deadlines beyond 2^53 exact. */
export function setDeadline(db: Database, key: string, at: number | bigint): void {
  const side = exactDeadlines.get(db.expires);
  if (typeof at === 'bigint') {
    const n = Number(at);
    db.setExpire(key, n);
    if (n > Number.MAX_SAFE_INTEGER) {
      if (side === undefined) exactDeadlines.set(db.expires, new Map([[key, at]]));
      else side.set(key, at);
      return;
    }
  } else {
    db.setExpire(key, at);
  }
  if (side !== undefined) side.delete(key);
}

/** Gives `dst` in `dstDb` the deadline `src` has in `srcDb`, if any (RENAME, MOVE, COPY). */
export function copyDeadline(srcDb: Database, src: string, dstDb: Database, dst: string): void {
  const at = deadlineExact(srcDb, src);
  if (at !== undefined) setDeadline(dstDb, dst, at);
}

/** Redis's parseExtendedExpireArgumentsOrReply: NX / XX / GT / LT, in any case, repeats allowed. */
function parseFlags(argv: string[]): number {
  let flags = 0;
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j].toLowerCase();
    if (opt === 'nx') flags |= EXPIRE_NX;
    else if (opt === 'xx') flags |= EXPIRE_XX;
    else if (opt === 'gt') flags |= EXPIRE_GT;
    else if (opt === 'lt') flags |= EXPIRE_LT;
    else fail(`ERR Unsupported option ${cString(argv[j])}`);
  }
  if (flags & EXPIRE_NX && flags & (EXPIRE_XX | EXPIRE_GT | EXPIRE_LT)) {
    fail('ERR NX and XX, GT or LT options at the same time are not compatible');
  }
  if (flags & EXPIRE_GT && flags & EXPIRE_LT) fail('ERR GT and LT options at the same time are not compatible');
  return flags;
}

/**
 * The absolute deadline in ms for an EXPIRE-family argument, with Redis's overflow checks. Small
 * arguments stay in plain numbers; the rest is computed in bigint as C's long long would be.
 */
function deadlineOf(arg: string, name: string, relative: boolean, unitMs: number, now: number): number | bigint {
  const v = parseInteger(arg);
  if (v === null) fail(NOT_INTEGER);
  const base = relative ? now : 0;
  if (v <= SMALL && v >= -SMALL) return v * unitMs + base;
  let when = parseInt64(arg)!;
  if (unitMs === 1000) {
    if (when > INT64_MAX / 1000n || when < INT64_MIN / 1000n) fail(INVALID_EXPIRE(name));
    when *= 1000n;
  }
  const b = BigInt(base);
  if (when > INT64_MAX - b) fail(INVALID_EXPIRE(name));
  return when + b;
}

/** EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT (expire.c expireGenericCommand). */
function expireGeneric(c: Client, argv: string[], name: string, relative: boolean, unitMs: number): void {
  const flags = argv.length > 3 ? parseFlags(argv) : 0;
  const now = c.server.clock.now();
  const when = deadlineOf(argv[2], name, relative, unitMs, now);
  const db = c.db;
  const key = argv[1];
  if (db.get(key) === undefined) {
    c.out.int(0);
    return;
  }
  if (flags !== 0) {
    const current = deadlineExact(db, key);
    if (flags & EXPIRE_NX && current !== undefined) return c.out.int(0);
    if (flags & EXPIRE_XX && current === undefined) return c.out.int(0);
    // No TTL counts as infinite: GT always fails, LT always passes.
    if (flags & EXPIRE_GT && (current === undefined || when <= current)) return c.out.int(0);
    if (flags & EXPIRE_LT && current !== undefined && when >= current) return c.out.int(0);
  }
  if (when <= now) {
    db.delete(key);
    db.notify(NOTIFY.GENERIC, 'del', key);
  } else {
    setDeadline(db, key, when);
    db.modified(key);
    db.notify(NOTIFY.GENERIC, 'expire', key);
  }
  c.out.int(1);
}

/** TTL / PTTL / EXPIRETIME / PEXPIRETIME (expire.c ttlGenericCommand). */
function ttlGeneric(c: Client, key: string, ms: boolean, absolute: boolean): void {
  const db = c.db;
  if (lookupRead(c, key) === undefined) return c.out.int(-2);
  const at = deadlineExact(db, key);
  if (at === undefined) return c.out.int(-1);
  if (typeof at === 'number') {
    let ttl = absolute ? at : at - c.server.clock.now();
    if (ttl < 0) ttl = 0;
    c.out.int(ms ? ttl : Math.floor((ttl + 500) / 1000));
  } else {
    let ttl = absolute ? at : at - BigInt(c.server.clock.now());
    if (ttl < 0n) ttl = 0n;
    c.out.int(ms ? ttl : (ttl + 500n) / 1000n);
  }
}

/** PERSIST: removes the TTL of an existing key ('persist' event). */
function persistCommand(c: Client, argv: string[]): void {
  const db = c.db;
  const key = argv[1];
  if (db.get(key) !== undefined && db.persist(key)) {
    db.modified(key);
    db.notify(NOTIFY.GENERIC, 'persist', key);
    c.out.int(1);
  } else {
    c.out.int(0);
  }
}
