/**
 * Set commands on one or two keys, as Redis 7.0's t_set.c: SADD, SREM, SMEMBERS, SISMEMBER,
 * SMISMEMBER, SCARD, SPOP, SRANDMEMBER, SMOVE and SSCAN. The multi-key algebra (SINTER, SUNION,
 * SDIFF and their STORE / CARD forms) is in setops.ts. Values: src/keyspace/types/set.ts.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import type { Database } from '../src/keyspace/database';
import { RSet } from '../src/keyspace/types/set';
import { fail, NOT_INTEGER, NOT_POSITIVE, SYNTAX } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { scanStep } from '../src/scan';
import { parseInt64 } from './args';
import { parseCursor, parseScanOptions, randomIndex, replyEmptyScan, replyScan, sample } from './collutil';
import { buildUnion, maxIntset, readSet, replyMembers } from './setops';

const S = 'set';

export const commands: CommandSpec[] = [
  /** Adds members; replies with the number of new ones. */
  command('sadd', -3, 'write denyoom fast', [1, 1, 1], S, 'Add one or more members to a set', saddCommand, { complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.' }),
  /** Removes members; the key goes with its last member. */
  command('srem', -3, 'write fast', [1, 1, 1], S, 'Remove one or more members from a set', sremCommand, { complexity: 'O(N) where N is the number of members to be removed.' }),
  /** Every member (a set in RESP3). */
  command('smembers', 2, 'readonly', [1, 1, 1], S, 'Get all the members in a set', smembersCommand, { complexity: 'O(N) where N is the set cardinality.' }),
  /** 1 if the value is a member. */
  command('sismember', 3, 'readonly fast', [1, 1, 1], S, 'Determine if a given value is a member of a set', sismemberCommand, { complexity: 'O(1)' }),
  /** Membership of several values, as integers. */
  command('smismember', -3, 'readonly fast', [1, 1, 1], S, 'Returns the membership associated with the given elements for a set', smismemberCommand, { since: '6.2.0', complexity: 'O(N) where N is the number of elements being checked for membership' }),
  /** Number of members. */
  command('scard', 2, 'readonly fast', [1, 1, 1], S, 'Get the number of members in a set', scardCommand, { complexity: 'O(1)' }),
  /** Removes and returns random members. */
  command('spop', -2, 'write fast', [1, 1, 1], S, 'Remove and return one or multiple random members from a set', spopCommand, { complexity: 'Without the count argument O(1), otherwise O(N) where N is the value of the passed count.' }),
  /** Random members (distinct for a positive count, repeats for a negative one). */
  command('srandmember', -2, 'readonly', [1, 1, 1], S, 'Get one or multiple random members from a set', srandmemberCommand, { complexity: 'Without the count argument O(1), otherwise O(N) where N is the absolute value of the passed count.' }),
  /** Moves a member from one set to another. */
  command('smove', 4, 'write fast', [1, 2, 1], S, 'Move a member from one set to another', smoveCommand, { complexity: 'O(1)' }),
  /** Incrementally iterates members. */
  command('sscan', -3, 'readonly', [1, 1, 1], S, 'Incrementally iterate Set elements', sscanCommand, { since: '2.8.0', complexity: 'O(1) for every call. O(N) for a complete iteration, including enough command calls for the cursor to return back to 0. N is the number of elements inside the collection..' }),
];

/** Largest |count| of a repeating SRANDMEMBER reply we build (Redis would try and exhaust memory). */
const MAX_RANDOM_REPLY = 10_000_000;
const LONG_MAX = 2n ** 63n - 1n;
const RANGE_ERROR = 'ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807';

/** Signals a written set: WATCH invalidation and the keyspace event. */
function written(db: Database, key: string, event: string): void {
  db.modified(key);
  db.notify(NOTIFY.SET, event, key);
}

function saddCommand(c: Client, argv: string[]): void {
  const db = c.db;
  const key = argv[1];
  let s = db.getOf<RSet>(key, 'set');
  if (s === undefined) {
    s = new RSet();
    db.set(key, s);
    db.notify(NOTIFY.NEW, 'new', key);
  }
  const max = maxIntset(c);
  let added = 0;
  for (let i = 2; i < argv.length; i++) if (s.add(argv[i], max)) added++;
  if (added !== 0) written(db, key, 'sadd');
  c.out.int(added);
}

function sremCommand(c: Client, argv: string[]): void {
  const db = c.db;
  const key = argv[1];
  const s = db.getOf<RSet>(key, 'set');
  let removed = 0;
  let keyRemoved = false;
  if (s !== undefined) {
    for (let i = 2; i < argv.length; i++) {
      if (!s.remove(argv[i])) continue;
      removed++;
      if (db.deleteIfEmpty(key, s)) {
        keyRemoved = true;
        break;
      }
    }
  }
  if (removed !== 0) {
    written(db, key, 'srem');
    if (keyRemoved) db.notify(NOTIFY.GENERIC, 'del', key);
  }
  c.out.int(removed);
}

function smembersCommand(c: Client, argv: string[]): void {
  const s = readSet(c, argv[1]);
  if (s === undefined) c.out.set(0);
  else replyMembers(c, s.toArray());
}

function sismemberCommand(c: Client, argv: string[]): void {
  const s = readSet(c, argv[1]);
  c.out.int(s !== undefined && s.has(argv[2]) ? 1 : 0);
}

function smismemberCommand(c: Client, argv: string[]): void {
  const s = readSet(c, argv[1]);
  c.out.array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) c.out.int(s !== undefined && s.has(argv[i]) ? 1 : 0);
}

function scardCommand(c: Client, argv: string[]): void {
  const s = readSet(c, argv[1]);
  c.out.int(s === undefined ? 0 : s.size());
}

function spopCommand(c: Client, argv: string[]): void {
  if (argv.length > 3) fail(SYNTAX);
  const db = c.db;
  const key = argv[1];
  if (argv.length === 3) {
    spopWithCount(c, key, argv[2]);
    return;
  }
  const s = db.getOf<RSet>(key, 'set');
  if (s === undefined) {
    c.out.nullBulk();
    return;
  }
  const member = s.removeAt(randomIndex(s.size()));
  db.notify(NOTIFY.SET, 'spop', key);
  c.out.bulk(member);
  if (db.deleteIfEmpty(key, s)) db.notify(NOTIFY.GENERIC, 'del', key);
  db.modified(key);
}

function spopWithCount(c: Client, key: string, arg: string): void {
  const l = parseInt64(arg);
  if (l === null || l < 0n) fail(NOT_POSITIVE);
  const db = c.db;
  const s = db.getOf<RSet>(key, 'set');
  if (s === undefined || l === 0n) {
    c.out.set(0);
    return;
  }
  const size = s.size();
  db.notify(NOTIFY.SET, 'spop', key);
  if (l >= BigInt(size)) {
    // The whole set, replied through a rebuilt set as Redis's SUNION does (ascending for ints).
    replyMembers(c, buildUnion([s], maxIntset(c)).toArray());
    db.delete(key);
    db.notify(NOTIFY.GENERIC, 'del', key);
    return;
  }
  const count = Number(l);
  c.out.set(count);
  for (let i = 0; i < count; i++) c.out.bulk(s.removeAt(randomIndex(s.size())));
  db.modified(key);
}

function srandmemberCommand(c: Client, argv: string[]): void {
  if (argv.length > 3) fail(SYNTAX);
  if (argv.length === 3) {
    srandmemberWithCount(c, argv[1], argv[2]);
    return;
  }
  const s = readSet(c, argv[1]);
  if (s === undefined) c.out.nullBulk();
  else c.out.bulk(s.at(randomIndex(s.size())));
}

function srandmemberWithCount(c: Client, key: string, arg: string): void {
  const l = parseInt64(arg);
  if (l === null) fail(NOT_INTEGER);
  if (l < -LONG_MAX) fail(RANGE_ERROR);
  const s = readSet(c, key);
  if (s === undefined || l === 0n) {
    c.out.array(0);
    return;
  }
  const size = s.size();
  if (l < 0n || l === 1n) {
    const count = l < 0n ? Number(-l) : 1;
    if (count > MAX_RANDOM_REPLY) fail('ERR value is out of range');
    c.out.array(count);
    for (let i = 0; i < count; i++) c.out.bulk(s.at(randomIndex(size)));
    return;
  }
  if (l >= BigInt(size)) {
    // The whole set in its own order (ascending for an intset), as Redis does.
    c.out.bulkArray(s.toArray());
    return;
  }
  const count = Number(l);
  c.out.array(count);
  for (const i of sample(size, count)) c.out.bulk(s.at(i));
}

function smoveCommand(c: Client, argv: string[]): void {
  const db = c.db;
  const [, srcKey, dstKey, member] = argv;
  const src = db.get(srcKey);
  const dst = db.get(dstKey);
  // A missing source answers 0 before any type check, as in Redis.
  if (src === undefined) {
    c.out.int(0);
    return;
  }
  const from = db.getOf<RSet>(srcKey, 'set')!;
  const to = dst === undefined ? undefined : db.getOf<RSet>(dstKey, 'set');
  if (from === to) {
    c.out.int(from.has(member) ? 1 : 0);
    return;
  }
  if (!from.remove(member)) {
    c.out.int(0);
    return;
  }
  db.notify(NOTIFY.SET, 'srem', srcKey);
  if (db.deleteIfEmpty(srcKey, from)) db.notify(NOTIFY.GENERIC, 'del', srcKey);
  let target = to;
  if (target === undefined) {
    target = new RSet();
    db.set(dstKey, target);
    db.notify(NOTIFY.NEW, 'new', dstKey);
  }
  db.modified(srcKey);
  if (target.add(member, maxIntset(c))) written(db, dstKey, 'sadd');
  c.out.int(1);
}

function sscanCommand(c: Client, argv: string[]): void {
  const cursor = parseCursor(argv[2]);
  const s = readSet(c, argv[1]);
  if (s === undefined) {
    replyEmptyScan(c);
    return;
  }
  const opts = parseScanOptions(argv);
  if (s.isIntset) {
    // An intset is returned whole in one call with cursor 0, as Redis does.
    replyScan(c, 0, s.toArray(), opts.match, 1);
    return;
  }
  const [next, batch] = scanStep(s, cursor, opts.count, () => s.iterate(), () => s.size());
  replyScan(c, next, batch, opts.match, 1);
}
