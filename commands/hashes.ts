/**
 * Hash commands, as Redis 7.0's t_hash.c: HSET/HMSET/HSETNX, HGET/HMGET/HGETALL/HKEYS/HVALS, HLEN,
 * HEXISTS, HSTRLEN, HDEL, HINCRBY/HINCRBYFLOAT (x87 long double, as Redis), HRANDFIELD and HSCAN.
 * Values live in src/keyspace/types/hash.ts (listpack string, then hashtable past the thresholds).
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import type { Database } from '../src/keyspace/database';
import { Hash } from '../src/keyspace/types/hash';
import { lookupRead } from './strings';
import { fail, wrongArity, NOT_INTEGER, NOT_FLOAT, OVERFLOW, SYNTAX, WRONGTYPE } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { scanStep } from '../src/scan';
import { parseInt64, isOpt } from './args';
import { parseLongDouble, addLongDouble, formatLongDouble } from './longdouble';
import { parseCursor, parseScanOptions, randomIndex, replyEmptyScan, replyScan, sample } from './collutil';

const H = 'hash';

export const commands: CommandSpec[] = [
  /** Sets fields; replies with the number of new fields. */
  command('hset', -4, 'write denyoom fast', [1, 1, 1], H, 'Set the string value of a hash field', (c, a) => hsetCommand(c, a, false), { since: '2.0.0', complexity: 'O(1) for each field/value pair added, so O(N) to add N field/value pairs when the command is called with multiple field/value pairs.' }),
  /** HSET's deprecated twin that replies OK. */
  command('hmset', -4, 'write denyoom fast', [1, 1, 1], H, 'Set multiple hash fields to multiple values', (c, a) => hsetCommand(c, a, true), { since: '2.0.0', complexity: 'O(N) where N is the number of fields being set.' }),
  /** Sets a field only if it does not exist. */
  command('hsetnx', 4, 'write denyoom fast', [1, 1, 1], H, 'Set the value of a hash field, only if the field does not exist', hsetnxCommand, { since: '2.0.0', complexity: 'O(1)' }),
  /** One field's value. */
  command('hget', 3, 'readonly fast', [1, 1, 1], H, 'Get the value of a hash field', hgetCommand, { since: '2.0.0', complexity: 'O(1)' }),
  /** Several fields' values (nil for missing ones). */
  command('hmget', -3, 'readonly fast', [1, 1, 1], H, 'Get the values of all the given hash fields', hmgetCommand, { since: '2.0.0', complexity: 'O(N) where N is the number of fields being requested.' }),
  /** Every field and value (a map in RESP3). */
  command('hgetall', 2, 'readonly', [1, 1, 1], H, 'Get all the fields and values in a hash', (c, a) => hgetallCommand(c, a, 2), { since: '2.0.0', complexity: 'O(N) where N is the size of the hash.' }),
  /** Every field. */
  command('hkeys', 2, 'readonly', [1, 1, 1], H, 'Get all the fields in a hash', (c, a) => hgetallCommand(c, a, 0), { since: '2.0.0', complexity: 'O(N) where N is the size of the hash.' }),
  /** Every value. */
  command('hvals', 2, 'readonly', [1, 1, 1], H, 'Get all the values in a hash', (c, a) => hgetallCommand(c, a, 1), { since: '2.0.0', complexity: 'O(N) where N is the size of the hash.' }),
  /** Number of fields. */
  command('hlen', 2, 'readonly fast', [1, 1, 1], H, 'Get the number of fields in a hash', hlenCommand, { since: '2.0.0', complexity: 'O(1)' }),
  /** 1 if the field exists. */
  command('hexists', 3, 'readonly fast', [1, 1, 1], H, 'Determine if a hash field exists', hexistsCommand, { since: '2.0.0', complexity: 'O(1)' }),
  /** Byte length of a field's value. */
  command('hstrlen', 3, 'readonly fast', [1, 1, 1], H, 'Get the length of the value of a hash field', hstrlenCommand, { since: '3.2.0', complexity: 'O(1)' }),
  /** Deletes fields; the key goes with its last field. */
  command('hdel', -3, 'write fast', [1, 1, 1], H, 'Delete one or more hash fields', hdelCommand, { since: '2.0.0', complexity: 'O(N) where N is the number of fields to be removed.' }),
  /** Adds an integer to a field. */
  command('hincrby', 4, 'write denyoom fast', [1, 1, 1], H, 'Increment the integer value of a hash field by the given number', hincrbyCommand, { since: '2.0.0', complexity: 'O(1)' }),
  /** Adds a float to a field (long double arithmetic, as Redis). */
  command('hincrbyfloat', 4, 'write denyoom fast', [1, 1, 1], H, 'Increment the float value of a hash field by the given amount', hincrbyfloatCommand, { since: '2.6.0', complexity: 'O(1)' }),
  /** Random fields (distinct for a positive count, repeats for a negative one), optionally with values. */
  command('hrandfield', -2, 'readonly', [1, 1, 1], H, 'Get one or multiple random fields from a hash', hrandfieldCommand, { since: '6.2.0', complexity: 'O(N) where N is the number of fields returned' }),
  /** Incrementally iterates fields and values. */
  command('hscan', -3, 'readonly', [1, 1, 1], H, 'Incrementally iterate hash fields and associated values', hscanCommand, { since: '2.8.0', complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..' }),
];

/** Largest |count| of a repeating HRANDFIELD reply we build (Redis would try and exhaust memory). */
const MAX_RANDOM_REPLY = 10_000_000;
const LONG_MAX = 2n ** 63n - 1n;

/** The hash at key, created (with the 'new' event) when absent; WRONGTYPE for other types. */
function lookupWriteOrCreate(db: Database, key: string): Hash {
  const h = db.getOf<Hash>(key, 'hash');
  if (h !== undefined) return h;
  const fresh = new Hash();
  db.set(key, fresh);
  db.notify(NOTIFY.NEW, 'new', key);
  return fresh;
}

/** A hash looked up to read (Redis's lookupKeyRead: hit/miss stats, keymiss event); WRONGTYPE for other types. */
function readHash(c: Client, key: string): Hash | undefined {
  const v = lookupRead(c, key);
  if (v !== undefined && (typeof v === 'string' || v.type !== 'hash')) fail(WRONGTYPE);
  return v as Hash | undefined;
}

function maxEntries(c: Client): number {
  return c.server.config.getInt('hash-max-listpack-entries');
}

function maxValue(c: Client): number {
  return c.server.config.getInt('hash-max-listpack-value');
}

/** Signals a written hash: WATCH invalidation and the keyspace event. */
function written(db: Database, key: string, event: string): void {
  db.modified(key);
  db.notify(NOTIFY.HASH, event, key);
}

function hsetCommand(c: Client, argv: string[], hmset: boolean): void {
  if (argv.length % 2 === 1) fail(wrongArity(hmset ? 'hmset' : 'hset'));
  const db = c.db;
  const key = argv[1];
  const h = lookupWriteOrCreate(db, key);
  const entries = maxEntries(c);
  const value = maxValue(c);
  let created = 0;
  for (let i = 2; i < argv.length; i += 2) if (h.set(argv[i], argv[i + 1], entries, value)) created++;
  written(db, key, 'hset');
  if (hmset) c.out.ok();
  else c.out.int(created);
}

function hsetnxCommand(c: Client, argv: string[]): void {
  const db = c.db;
  const h = lookupWriteOrCreate(db, argv[1]);
  if (h.has(argv[2])) {
    c.out.int(0);
    return;
  }
  h.set(argv[2], argv[3], maxEntries(c), maxValue(c));
  written(db, argv[1], 'hset');
  c.out.int(1);
}

function hgetCommand(c: Client, argv: string[]): void {
  const h = readHash(c, argv[1]);
  c.out.bulkOrNull(h === undefined ? undefined : h.get(argv[2]));
}

function hmgetCommand(c: Client, argv: string[]): void {
  // A missing key is an empty hash: every field is nil.
  const h = readHash(c, argv[1]);
  c.out.array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) c.out.bulkOrNull(h === undefined ? undefined : h.get(argv[i]));
}

/** HGETALL (`what` 2), HKEYS (0) or HVALS (1). */
function hgetallCommand(c: Client, argv: string[], what: 0 | 1 | 2): void {
  const h = readHash(c, argv[1]);
  if (what === 2) {
    if (h === undefined) {
      c.out.map(0);
      return;
    }
    const items = h.flat();
    c.out.map(items.length / 2);
    for (let i = 0; i < items.length; i++) c.out.bulk(items[i]);
    return;
  }
  c.out.bulkArray(h === undefined ? [] : h.list(what));
}

function hlenCommand(c: Client, argv: string[]): void {
  const h = readHash(c, argv[1]);
  c.out.int(h === undefined ? 0 : h.size());
}

function hexistsCommand(c: Client, argv: string[]): void {
  const h = readHash(c, argv[1]);
  c.out.int(h !== undefined && h.has(argv[2]) ? 1 : 0);
}

function hstrlenCommand(c: Client, argv: string[]): void {
  const h = readHash(c, argv[1]);
  c.out.int(h === undefined ? 0 : h.valueLength(argv[2]));
}

function hdelCommand(c: Client, argv: string[]): void {
  const db = c.db;
  const key = argv[1];
  const h = db.getOf<Hash>(key, 'hash');
  let deleted = 0;
  let removed = false;
  if (h !== undefined) {
    for (let i = 2; i < argv.length; i++) {
      if (!h.delete(argv[i])) continue;
      deleted++;
      if (db.deleteIfEmpty(key, h)) {
        removed = true;
        break;
      }
    }
  }
  if (deleted !== 0) {
    written(db, key, 'hdel');
    if (removed) db.notify(NOTIFY.GENERIC, 'del', key);
  }
  c.out.int(deleted);
}

const INT64_MIN = -(2n ** 63n);

function hincrbyCommand(c: Client, argv: string[]): void {
  const incr = parseInt64(argv[3]);
  if (incr === null) fail(NOT_INTEGER);
  const db = c.db;
  const h = lookupWriteOrCreate(db, argv[1]);
  const old = h.get(argv[2]);
  let value = 0n;
  if (old !== undefined) {
    const v = parseInt64(old);
    if (v === null) fail('ERR hash value is not an integer');
    value = v;
  }
  const sum = value + incr;
  if (sum > LONG_MAX || sum < INT64_MIN) fail(OVERFLOW);
  h.set(argv[2], String(sum), maxEntries(c), maxValue(c));
  c.out.int(sum);
  written(db, argv[1], 'hincrby');
}

function hincrbyfloatCommand(c: Client, argv: string[]): void {
  const incr = parseLongDouble(argv[3]);
  if (incr === null) fail(NOT_FLOAT);
  if (incr.inf) fail('ERR value is NaN or Infinity');
  const db = c.db;
  const h = lookupWriteOrCreate(db, argv[1]);
  const old = h.get(argv[2]);
  let sum = incr;
  if (old !== undefined) {
    const v = parseLongDouble(old);
    if (v === null) fail('ERR hash value is not a float');
    sum = addLongDouble(v, incr);
  }
  if (sum.inf) fail('ERR increment would produce NaN or Infinity');
  const s = formatLongDouble(sum);
  h.set(argv[2], s, maxEntries(c), maxValue(c));
  c.out.bulk(s);
  written(db, argv[1], 'hincrbyfloat');
}

function hrandfieldCommand(c: Client, argv: string[]): void {
  if (argv.length === 2) {
    const h = readHash(c, argv[1]);
    if (h === undefined) {
      c.out.nullBulk();
      return;
    }
    const fields = h.fieldArray();
    c.out.bulk(fields[randomIndex(fields.length)]);
    return;
  }
  const l = parseInt64(argv[2]);
  if (l === null) fail(NOT_INTEGER);
  if (l < -LONG_MAX) fail('ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807');
  let withValues = false;
  if (argv.length > 4 || (argv.length === 4 && !isOpt(argv[3], 'withvalues'))) fail(SYNTAX);
  if (argv.length === 4) {
    withValues = true;
    if (l < -(LONG_MAX / 2n) || l > LONG_MAX / 2n) fail('ERR value is out of range');
  }
  const h = readHash(c, argv[1]);
  if (h === undefined || l === 0n) {
    c.out.array(0);
    return;
  }
  const unique = l > 0n;
  const size = h.size();
  const resp3 = c.out.protocol === 3;
  // Packed hashes are unpacked once; hashtables use the cached field array and Map lookups.
  let fields: string[];
  let values: string[] | null = null;
  if (h.packed) {
    const items = h.flat();
    fields = new Array<string>(size);
    if (withValues) values = new Array<string>(size);
    for (let i = 0; i < size; i++) {
      fields[i] = items[2 * i];
      if (values !== null) values[i] = items[2 * i + 1];
    }
  } else {
    fields = h.fieldArray();
  }
  const pick = (i: number): void => {
    if (!withValues) {
      c.out.bulk(fields[i]);
      return;
    }
    if (resp3) c.out.array(2);
    c.out.bulk(fields[i]);
    c.out.bulk(values !== null ? values[i] : h.get(fields[i])!);
  };
  const header = (n: number): void => c.out.array(withValues && !resp3 ? 2 * n : n);
  if (!unique || l === 1n) {
    const count = unique ? 1 : Number(-l);
    if (count > MAX_RANDOM_REPLY) fail('ERR value is out of range');
    header(count);
    for (let i = 0; i < count; i++) pick(randomIndex(size));
    return;
  }
  if (l >= BigInt(size)) {
    // The whole hash, in its own order (insertion order while a listpack), as Redis does.
    header(size);
    for (let i = 0; i < size; i++) pick(i);
    return;
  }
  const count = Number(l);
  header(count);
  for (const i of sample(size, count)) pick(i);
}

function hscanCommand(c: Client, argv: string[]): void {
  const cursor = parseCursor(argv[2]);
  const h = readHash(c, argv[1]);
  if (h === undefined) {
    replyEmptyScan(c);
    return;
  }
  const opts = parseScanOptions(argv);
  if (h.packed) {
    // A listpack is returned whole in one call with cursor 0, as Redis does.
    replyScan(c, 0, h.flat(), opts.match, 2);
    return;
  }
  const [next, batch] = scanStep(h, cursor, opts.count, () => h.entries(), () => h.size());
  const items: string[] = [];
  for (const [f, v] of batch) items.push(f, v);
  replyScan(c, next, items, opts.match, 2);
}
