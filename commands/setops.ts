/**
 * Set algebra, as Redis 7.0's sinterGenericCommand / sunionDiffGenericCommand: SINTER, SINTERCARD,
 * SINTERSTORE, SUNION, SUNIONSTORE, SDIFF, SDIFFSTORE. Results are built as Redis builds them (a
 * fresh intset that setTypeAdd grows and converts), so encodings and, for integer results, the
 * ascending reply order match Redis's. Every key is type-checked before anything is answered.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { RSet } from '../src/keyspace/types/set';
import { fail, SYNTAX, WRONGTYPE } from '../src/errors';
import { lookupRead } from './strings';
import { NOTIFY } from '../src/notify';
import { parseInt64, isOpt } from './args';

const S = 'set';

export const commands: CommandSpec[] = [
  /** Members common to every set (a set in RESP3). */
  command('sinter', -2, 'readonly', [1, -1, 1], S, 'Intersect multiple sets', (c, a) => sinterGeneric(c, a, 1, null, 0, false), { complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.' }),
  /** Size of the intersection, stopping at LIMIT. */
  command('sintercard', -3, 'readonly movablekeys', [0, 0, 0], S, 'Intersect multiple sets and return the cardinality of the result', sintercardCommand, { since: '7.0.0', complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.', getKeys: sintercardKeys }),
  /** Stores the intersection (deleting the destination when it is empty). */
  command('sinterstore', -3, 'write denyoom', [1, -1, 1], S, 'Intersect multiple sets and store the resulting set in a key', (c, a) => sinterGeneric(c, a, 2, a[1], 0, false), { complexity: 'O(N*M) worst case where N is the cardinality of the smallest set and M is the number of sets.' }),
  /** Members of any set. */
  command('sunion', -2, 'readonly', [1, -1, 1], S, 'Add multiple sets', (c, a) => sunionDiffGeneric(c, a, 1, null, UNION), { complexity: 'O(N) where N is the total number of elements in all given sets.' }),
  /** Stores the union. */
  command('sunionstore', -3, 'write denyoom', [1, -1, 1], S, 'Add multiple sets and store the resulting set in a key', (c, a) => sunionDiffGeneric(c, a, 2, a[1], UNION), { complexity: 'O(N) where N is the total number of elements in all given sets.' }),
  /** Members of the first set in none of the others. */
  command('sdiff', -2, 'readonly', [1, -1, 1], S, 'Subtract multiple sets', (c, a) => sunionDiffGeneric(c, a, 1, null, DIFF), { complexity: 'O(N) where N is the total number of elements in all given sets.' }),
  /** Stores the difference. */
  command('sdiffstore', -3, 'write denyoom', [1, -1, 1], S, 'Subtract multiple sets and store the resulting set in a key', (c, a) => sunionDiffGeneric(c, a, 2, a[1], DIFF), { complexity: 'O(N) where N is the total number of elements in all given sets.' }),
];

const UNION = 0;
const DIFF = 1;

/** set-max-intset-entries, read when a set may grow. */
export function maxIntset(c: Client): number {
  return c.server.config.getInt('set-max-intset-entries');
}

/** A set looked up to read (Redis's lookupKeyRead: hit/miss stats, keymiss event); WRONGTYPE for other types. */
export function readSet(c: Client, key: string): RSet | undefined {
  const v = lookupRead(c, key);
  if (v !== undefined && (typeof v === 'string' || v.type !== 'set')) fail(WRONGTYPE);
  return v as RSet | undefined;
}

/** Writes members as a set reply (`~` in RESP3, an array in RESP2). */
export function replyMembers(c: Client, members: string[]): void {
  const out = c.out;
  out.set(members.length);
  for (let i = 0; i < members.length; i++) out.bulk(members[i]);
}

/** A fresh set holding every member of `sets`, added in order (Redis's SUNION temp set). */
export function buildUnion(sets: Array<RSet | undefined>, max: number): RSet {
  const dst = new RSet();
  for (const s of sets) {
    if (s === undefined) continue;
    const members = s.toArray();
    for (let i = 0; i < members.length; i++) dst.add(members[i], max);
  }
  return dst;
}

/** The sets at argv[from..] (undefined for missing keys); WRONGTYPE if any key holds another type. */
function lookupSets(c: Client, keys: string[]): Array<RSet | undefined> {
  const sets = new Array<RSet | undefined>(keys.length);
  for (let i = 0; i < keys.length; i++) sets[i] = readSet(c, keys[i]);
  return sets;
}

/**
 * Stores a result as Redis's setKey (overwriting any type, dropping the TTL) with `event`, or, when
 * it is empty, deletes the destination with 'del'. Replies with the result's size.
 */
function store(c: Client, dst: string, result: RSet | null, event: string): void {
  const db = c.db;
  const size = result === null ? 0 : result.size();
  if (result !== null && size > 0) {
    const existed = db.get(dst) !== undefined;
    db.set(dst, result);
    if (!existed) db.notify(NOTIFY.NEW, 'new', dst);
    c.out.int(size);
    db.notify(NOTIFY.SET, event, dst);
    return;
  }
  c.out.int(0);
  if (db.delete(dst)) db.notify(NOTIFY.GENERIC, 'del', dst);
}

/**
 * SINTER / SINTERSTORE / SINTERCARD over argv[first..first+count): walks the smallest set and keeps
 * members found in every other, in that set's order. `limit` 0 means no limit (SINTERCARD only).
 */
function sinterGeneric(c: Client, argv: string[], first: number, dst: string | null, limit: number, cardOnly: boolean, count = argv.length - first): void {
  const sets = lookupSets(c, argv.slice(first, first + count));
  if (sets.includes(undefined)) {
    // Intersection with an empty set is empty.
    if (dst !== null) store(c, dst, null, 'sinterstore');
    else if (cardOnly) c.out.int(0);
    else c.out.set(0);
    return;
  }
  const all = sets as RSet[];
  all.sort((a, b) => a.size() - b.size());
  const smallest = all[0];
  const members = smallest.toArray();
  const found: string[] = [];
  let card = 0;
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    let j = 1;
    for (; j < all.length; j++) {
      if (all[j] === smallest) continue;
      if (!all[j].has(m)) break;
    }
    if (j < all.length) continue;
    if (cardOnly) {
      card++;
      if (limit !== 0 && card === limit) break;
    } else {
      found.push(m);
    }
  }
  if (cardOnly) {
    c.out.int(card);
    return;
  }
  if (dst === null) {
    replyMembers(c, found);
    return;
  }
  const result = new RSet();
  const max = maxIntset(c);
  for (let i = 0; i < found.length; i++) result.add(found[i], max);
  store(c, dst, result, 'sinterstore');
}

/** SINTERCARD numkeys key [key ...] [LIMIT limit]. */
function sintercardCommand(c: Client, argv: string[]): void {
  const n = parseInt64(argv[1]);
  if (n === null || n < 1n) fail('ERR numkeys should be greater than 0');
  if (n > BigInt(argv.length - 2)) fail("ERR Number of keys can't be greater than number of args");
  const numkeys = Number(n);
  let limit = 0;
  for (let j = 2 + numkeys; j < argv.length; j++) {
    if (isOpt(argv[j], 'limit') && j + 1 < argv.length) {
      j++;
      const l = parseInt64(argv[j]);
      if (l === null || l < 0n) fail("ERR LIMIT can't be negative");
      limit = Number(l);
    } else {
      fail(SYNTAX);
    }
  }
  sinterGeneric(c, argv, 2, null, limit, true, numkeys);
}

/** SINTERCARD's key positions: numkeys keys after the count (none when numkeys is unusable). */
function sintercardKeys(argv: string[]): number[] {
  const n = parseInt64(argv[1] ?? '');
  if (n === null || n < 1n || n > BigInt(argv.length - 2)) return [];
  const keys: number[] = [];
  for (let i = 0; i < Number(n); i++) keys.push(2 + i);
  return keys;
}

/**
 * SUNION / SDIFF and their STORE forms over argv[first..]. SDIFF picks Redis's algorithm 1 (keep
 * members of the first set absent from the others, subtracted sets by decreasing size) or 2 (copy
 * the first set, then remove the others' members) by Redis's cost estimate, because the two can
 * leave the result in different encodings.
 */
function sunionDiffGeneric(c: Client, argv: string[], first: number, dst: string | null, op: number): void {
  const keys = argv.slice(first);
  const sets = lookupSets(c, keys);
  const max = maxIntset(c);
  let result: RSet;
  if (op === UNION) {
    result = buildUnion(sets, max);
  } else {
    result = new RSet();
    const head = sets[0];
    // The same key subtracted from itself: empty (Redis compares the objects).
    let same = false;
    for (let j = 1; j < sets.length; j++) if (head !== undefined && sets[j] === head) same = true;
    if (head !== undefined && !same) {
      let one = 0;
      let two = 0;
      for (const s of sets) {
        if (s === undefined) continue;
        one += head.size();
        two += s.size();
      }
      if (Math.floor(one / 2) <= two) diffOne(head, sets, result, max);
      else diffTwo(head, sets, result, max);
    }
  }
  if (dst !== null) {
    store(c, dst, result, op === UNION ? 'sunionstore' : 'sdiffstore');
    return;
  }
  replyMembers(c, result.toArray());
}

/** SDIFF algorithm 1: members of `head` in none of the other sets (checked largest first). */
function diffOne(head: RSet, sets: Array<RSet | undefined>, result: RSet, max: number): void {
  const others = sets.slice(1).filter((s): s is RSet => s !== undefined);
  others.sort((a, b) => b.size() - a.size());
  const members = head.toArray();
  for (let i = 0; i < members.length; i++) {
    const m = members[i];
    let j = 0;
    for (; j < others.length; j++) if (others[j].has(m)) break;
    if (j === others.length) result.add(m, max);
  }
}

/** SDIFF algorithm 2: every member of `head`, then the other sets' members removed. */
function diffTwo(head: RSet, sets: Array<RSet | undefined>, result: RSet, max: number): void {
  const members = head.toArray();
  for (let i = 0; i < members.length; i++) result.add(members[i], max);
  for (let j = 1; j < sets.length && result.size() !== 0; j++) {
    const s = sets[j];
    if (s === undefined) continue;
    const other = s.toArray();
    for (let i = 0; i < other.length; i++) result.remove(other[i]);
  }
}
