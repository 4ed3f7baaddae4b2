/**
 * Generic key commands: DEL, UNLINK, EXISTS, TYPE, KEYS, SCAN, RANDOMKEY, RENAME, RENAMENX, COPY,
 * TOUCH, MOVE, SWAPDB, as Redis 7.0's db.c. Every key added under a new name fires 'new' (the n
 * class) before the command's own events, as Redis's dbAdd does.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import type { Database } from '../src/keyspace/database';
import { Value, typeOf } from '../src/keyspace/types';
import { fail, DB_INDEX, NO_SUCH_KEY, SAME_OBJECT, SYNTAX } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { globMatch } from '../src/glob';
import { scanStep } from '../src/scan';
import { parseCursor } from './collutil';
import { int32Arg, intArg, isOpt } from './args';
import { copyDeadline } from './ttl';
import { lookupRead, markEncoding } from './strings';

export const commands: CommandSpec[] = [
  /** Deletes keys; answers how many existed. */
  command('del', -2, 'write', [1, -1, 1], 'generic', 'Delete a key', delCommand, {
    complexity: 'O(N) where N is the number of keys that will be removed.',
  }),
  /** DEL that Redis frees in the background; here the same as DEL. */
  command('unlink', -2, 'write fast', [1, -1, 1], 'generic', 'Delete a key asynchronously in another thread. Otherwise it is just as DEL, but non blocking.', delCommand, {
    since: '4.0.0',
    complexity: 'O(1) for each key removed regardless of its size.',
  }),
  /** Counts the arguments that name existing keys (repeats count again). */
  command('exists', -2, 'readonly fast', [1, -1, 1], 'generic', 'Determine if a key exists', existsCommand, { complexity: 'O(N) where N is the number of keys to check.' }),
  /** The type of a key's value, or none. */
  command('type', 2, 'readonly fast', [1, 1, 1], 'generic', 'Determine the type stored at key', typeCommand, { complexity: 'O(1)' }),
  /** Every key matching a glob pattern. */
  command('keys', 2, 'readonly', [0, 0, 0], 'generic', 'Find all keys matching the given pattern', keysCommand, {
    complexity: 'O(N) with N being the number of keys in the database',
  }),
  /** Incremental iteration over the keyspace. */
  command('scan', -2, 'readonly', [0, 0, 0], 'generic', 'Incrementally iterate the keys space', scanCommand, {
    since: '2.8.0',
    complexity: 'O(1) for every call. O(N) for a complete iteration.',
  }),
  /** A random live key, or nil. */
  command('randomkey', 1, 'readonly', [0, 0, 0], 'generic', 'Return a random key from the keyspace', randomkeyCommand, { complexity: 'O(1)' }),
  /** Renames a key, replacing the destination. */
  command('rename', 3, 'write', [1, 2, 1], 'generic', 'Rename a key', (c, a) => renameGeneric(c, a, false), { complexity: 'O(1)' }),
  /** Renames a key only if the destination does not exist. */
  command('renamenx', 3, 'write fast', [1, 2, 1], 'generic', 'Rename a key, only if the new key does not exist', (c, a) => renameGeneric(c, a, true), { complexity: 'O(1)' }),
  /** Copies a key's value (and TTL) to another key, maybe in another database. */
  command('copy', -3, 'write denyoom', [1, 2, 1], 'generic', 'Copy a key', copyCommand, {
    since: '6.2.0',
    complexity: 'O(N) worst case for collections, where N is the number of nested items. O(1) for string values.',
  }),
  /** Counts existing keys (Redis also refreshes their access time). */
  command('touch', -2, 'readonly fast', [1, -1, 1], 'generic', 'Alters the last access time of a key(s). Returns the number of existing keys specified.', existsCommand, {
    since: '3.2.1',
    complexity: 'O(N) where N is the number of keys that will be touched.',
  }),
  /** Moves a key to another database. */
  command('move', 3, 'write fast', [1, 1, 1], 'generic', 'Move a key to another database', moveCommand, { complexity: 'O(1)' }),
  /** Swaps the contents of two databases. */
  command('swapdb', 3, 'write fast', [0, 0, 0], 'server', 'Swaps two Redis databases', swapdbCommand, {
    since: '4.0.0',
    complexity: 'O(N) where N is the count of clients watching or blocking on keys from both databases.',
  }),
];

/** DEL / UNLINK: lazy expiry first (an expired key does not count), then 'del' per removed key. */
function delCommand(c: Client, argv: string[]): void {
  const db = c.db;
  let n = 0;
  for (let i = 1; i < argv.length; i++) {
    if (db.delete(argv[i])) {
      db.notify(NOTIFY.GENERIC, 'del', argv[i]);
      n++;
    }
  }
  c.out.int(n);
}

/** EXISTS / TOUCH: how many arguments name a live key (read lookups: hit/miss stats, keymiss). */
function existsCommand(c: Client, argv: string[]): void {
  let n = 0;
  for (let i = 1; i < argv.length; i++) if (lookupRead(c, argv[i]) !== undefined) n++;
  c.out.int(n);
}

function typeCommand(c: Client, argv: string[]): void {
  const v = lookupRead(c, argv[1]);
  c.out.simple(v === undefined ? 'none' : typeOf(v));
}

/** KEYS: a bare `*` matches every key, the empty one included (glob `*` alone would not). */
function keysCommand(c: Client, argv: string[]): void {
  const pattern = argv[1];
  const all = pattern === '*';
  const out: string[] = [];
  for (const key of c.db.liveKeys()) if (all || globMatch(pattern, key)) out.push(key);
  c.out.bulkArray(out);
}

/**
 * SCAN cursor [MATCH pattern] [COUNT n] [TYPE type]. Takes COUNT keys from a live iterator over the
 * key map, then filters them by MATCH, TYPE and expiry, as Redis filters a batch after collecting it.
 * Every key present for the whole scan is returned (src/scan.ts).
 */
function scanCommand(c: Client, argv: string[]): void {
  const cursor = parseCursor(argv[1]);
  let count = 10;
  let pattern: string | null = null;
  let type: string | null = null;
  for (let i = 2; i < argv.length; i += 2) {
    const opt = argv[i];
    const more = i + 1 < argv.length;
    if (more && isOpt(opt, 'count')) {
      count = intArg(argv[i + 1]);
      if (count < 1) fail(SYNTAX);
    } else if (more && isOpt(opt, 'match')) {
      pattern = argv[i + 1] === '*' ? null : argv[i + 1];
    } else if (more && isOpt(opt, 'type')) {
      type = argv[i + 1].toLowerCase();
    } else {
      fail(SYNTAX);
    }
  }
  const db = c.db;
  const map = db.map;
  // A cursor from another SCAN family or out of our range simply restarts the scan (as scanStep does).
  const [next, batch] = scanStep(map, cursor, count, () => map.keys(), () => map.size);
  const out: string[] = [];
  for (const key of batch) {
    if (pattern !== null && !globMatch(pattern, key)) continue;
    // Redis looks the key up as a read only to check TYPE (stats, keymiss if it just expired).
    const v = type === null ? db.get(key) : lookupRead(c, key);
    if (v === undefined) continue;
    if (type !== null && typeOf(v) !== type) continue;
    out.push(key);
  }
  c.out.array(2);
  c.out.bulk(String(next));
  c.out.bulkArray(out);
}

/**
 * RANDOMKEY: a live key from a uniformly random position. A JS Map has no random access, so this
 * walks there (O(N), not Redis's O(1)); expired keys met from there on are deleted, as Redis does
 * with expired picks, and the walk goes on (wrapping once) to the next live key.
 */
function randomkeyCommand(c: Client): void {
  const db = c.db;
  const map = db.map;
  let skip = Math.floor(Math.random() * map.size);
  for (let pass = 0; pass < 2; pass++) {
    for (const key of map.keys()) {
      if (skip > 0) {
        skip--;
        continue;
      }
      if (!db.isExpired(key)) return c.out.bulk(key);
      db.expire(key); // deleting the current entry does not disturb a Map iterator
    }
    skip = 0;
  }
  c.out.nullBulk();
}

/**
 * Adds a value under a key known to be absent, as Redis's dbAdd: 'new' event, wakes blocked clients.
 * `enc` carries a string's remembered encoding (raw / embstr), which Redis keeps with the object.
 */
function addKey(db: Database, key: string, value: Value, enc: 'raw' | 'embstr' | undefined): void {
  db.set(key, value);
  if (enc !== undefined) markEncoding(db, key, enc);
  db.notify(NOTIFY.NEW, 'new', key);
  if (typeof value !== 'string' && (value.type === 'list' || value.type === 'zset')) db.signalReady(key);
}

/** RENAME / RENAMENX (db.c renameGenericCommand). */
function renameGeneric(c: Client, argv: string[], nx: boolean): void {
  const db = c.db;
  const src = argv[1];
  const dst = argv[2];
  const value = db.get(src);
  if (value === undefined) fail(NO_SUCH_KEY);
  if (src === dst) {
    if (nx) c.out.int(0);
    else c.out.ok();
    return;
  }
  if (db.get(dst) !== undefined) {
    if (nx) return c.out.int(0);
    db.delete(dst);
  }
  addKey(db, dst, value, db.stringEncodings?.get(src));
  copyDeadline(db, src, db, dst);
  db.delete(src);
  db.notify(NOTIFY.GENERIC, 'rename_from', src);
  db.notify(NOTIFY.GENERIC, 'rename_to', dst);
  if (nx) c.out.int(1);
  else c.out.ok();
}

/** The database for a DB argument (getIntFromObjectOrReply + selectDb rules). */
function dbArg(c: Client, arg: string): Database {
  const id = int32Arg(arg);
  const db = c.server.dbs[id];
  if (id < 0 || db === undefined) fail(DB_INDEX);
  return db;
}

/** COPY source destination [DB destination-db] [REPLACE] (db.c copyCommand). */
function copyCommand(c: Client, argv: string[]): void {
  const src = c.db;
  let dst = c.db;
  let replace = false;
  for (let j = 3; j < argv.length; j++) {
    if (isOpt(argv[j], 'replace')) {
      replace = true;
    } else if (isOpt(argv[j], 'db') && j + 1 < argv.length) {
      dst = dbArg(c, argv[++j]);
    } else {
      fail(SYNTAX);
    }
  }
  const key = argv[1];
  const newkey = argv[2];
  if (src === dst && key === newkey) fail(SAME_OBJECT);
  const value = lookupRead(c, key);
  if (value === undefined) return c.out.int(0);
  if (dst.get(newkey) !== undefined) {
    if (!replace) return c.out.int(0);
    dst.delete(newkey);
  }
  addKey(dst, newkey, typeof value === 'string' ? value : value.clone(), src.stringEncodings?.get(key));
  copyDeadline(src, key, dst, newkey);
  dst.notify(NOTIFY.GENERIC, 'copy_to', newkey);
  c.out.int(1);
}

/** MOVE key db (db.c moveCommand): fails (0) when the key is missing or exists in the target. */
function moveCommand(c: Client, argv: string[]): void {
  const src = c.db;
  const dst = dbArg(c, argv[2]);
  if (src === dst) fail(SAME_OBJECT);
  const key = argv[1];
  const value = src.get(key);
  if (value === undefined || dst.get(key) !== undefined) return c.out.int(0);
  addKey(dst, key, value, src.stringEncodings?.get(key));
  copyDeadline(src, key, dst, key);
  src.delete(key);
  src.notify(NOTIFY.GENERIC, 'move_from', key);
  dst.notify(NOTIFY.GENERIC, 'move_to', key);
  c.out.int(1);
}

/**
 * SWAPDB a b (db.c dbSwapDatabases): the data changes place, while WATCHes and blocked clients stay
 * with their database number. Watched keys present on either side are touched; blocked clients whose
 * key now holds a list or zset are woken.
 */
function swapdbCommand(c: Client, argv: string[]): void {
  const id1 = int32Arg(argv[1], 'ERR invalid first DB index');
  const id2 = int32Arg(argv[2], 'ERR invalid second DB index');
  const dbs = c.server.dbs;
  if (id1 < 0 || id1 >= dbs.length || id2 < 0 || id2 >= dbs.length) fail(DB_INDEX);
  if (id1 !== id2) {
    const a = dbs[id1];
    const b = dbs[id2];
    touchWatched(a, b);
    touchWatched(b, a);
    a.swapData(b);
    wakeBlocked(a);
    wakeBlocked(b);
  }
  c.out.ok();
}

/** Invalidates WATCHes on `db` of keys that exist in it or in the database it swaps with. */
function touchWatched(db: Database, other: Database): void {
  if (db.watchers === null) return;
  for (const key of db.watchers.keys()) if (db.map.has(key) || other.map.has(key)) db.modified(key);
}

/** Signals keys blocked clients of `db` wait on that now hold a list or zset (scanDatabaseForReadyKeys). */
function wakeBlocked(db: Database): void {
  if (db.blocked === null) return;
  for (const key of db.blocked.keys()) {
    const v = db.get(key);
    if (v !== undefined && typeof v !== 'string' && (v.type === 'list' || v.type === 'zset')) db.signalReady(key);
  }
}
