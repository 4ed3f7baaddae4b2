/**
 * The list family (non-blocking part): pushes, pops, ranges, LSET/LINSERT/LREM/LTRIM, LPOS, LMOVE,
 * LMPOP. Each handler follows Redis 7.0's t_list.c order of checks (argument parsing before or
 * after the key lookup exactly where Redis does it, as that decides which error wins). The blocking
 * forms live in commands/blocking-lists.ts and share the pop/move helpers exported here.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { fail, SYNTAX, NOT_POSITIVE, NO_SUCH_KEY, WRONGTYPE, wrongArity } from '../src/errors';
import { NOTIFY } from '../src/notify';
import { CRLF } from '../src/protocol/reply';
import { ListValue, newList } from '../src/keyspace/types/list';
import { parseInteger, intArg, isOpt } from './args';
import { lookupRead } from './strings';

/** The head end of a list (LEFT, LPUSH, LPOP). */
export const LEFT = 0;
/** The tail end of a list (RIGHT, RPUSH, RPOP). */
export const RIGHT = 1;
/** Which end of a list. */
export type End = typeof LEFT | typeof RIGHT;

export const commands: CommandSpec[] = [
  command('lpush', -3, 'write denyoom fast', [1, 1, 1], 'list', 'Prepend one or multiple elements to a list', lpush, { since: '1.0.0', complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.' }),
  command('rpush', -3, 'write denyoom fast', [1, 1, 1], 'list', 'Append one or multiple elements to a list', rpush, { since: '1.0.0', complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.' }),
  command('lpushx', -3, 'write denyoom fast', [1, 1, 1], 'list', 'Prepend an element to a list, only if the list exists', lpushx, { since: '2.2.0', complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.' }),
  command('rpushx', -3, 'write denyoom fast', [1, 1, 1], 'list', 'Append an element to a list, only if the list exists', rpushx, { since: '2.2.0', complexity: 'O(1) for each element added, so O(N) to add N elements when the command is called with multiple arguments.' }),
  command('lpop', -2, 'write fast', [1, 1, 1], 'list', 'Remove and get the first elements in a list', lpop, { since: '1.0.0', complexity: 'O(N) where N is the number of elements returned' }),
  command('rpop', -2, 'write fast', [1, 1, 1], 'list', 'Remove and get the last elements in a list', rpop, { since: '1.0.0', complexity: 'O(N) where N is the number of elements returned' }),
  command('llen', 2, 'readonly fast', [1, 1, 1], 'list', 'Get the length of a list', llen, { since: '1.0.0', complexity: 'O(1)' }),
  command('lrange', 4, 'readonly', [1, 1, 1], 'list', 'Get a range of elements from a list', lrange, { since: '1.0.0', complexity: 'O(S+N) where S is the distance of start offset from HEAD for small lists, from nearest end (HEAD or TAIL) for large lists; and N is the number of elements in the specified range.' }),
  command('lindex', 3, 'readonly', [1, 1, 1], 'list', 'Get an element from a list by its index', lindex, { since: '1.0.0', complexity: 'O(N) where N is the number of elements to traverse to get to the element at index. This makes asking for the first or the last element of the list O(1).' }),
  command('lset', 4, 'write denyoom', [1, 1, 1], 'list', 'Set the value of an element in a list by its index', lset, { since: '1.0.0', complexity: 'O(N) where N is the length of the list. Setting either the first or the last element of the list is O(1).' }),
  command('linsert', 5, 'write denyoom', [1, 1, 1], 'list', 'Insert an element before or after another element in a list', linsert, { since: '2.2.0', complexity: 'O(N) where N is the number of elements to traverse before seeing the value pivot. This means that inserting somewhere on the left end on the list (head) can be considered O(1) and inserting somewhere on the right end (tail) is O(N).' }),
  command('lrem', 4, 'write', [1, 1, 1], 'list', 'Remove elements from a list', lrem, { since: '1.0.0', complexity: 'O(N+M) where N is the length of the list and M is the number of elements removed.' }),
  command('ltrim', 4, 'write', [1, 1, 1], 'list', 'Trim a list to the specified range', ltrim, { since: '1.0.0', complexity: 'O(N) where N is the number of elements to be removed by the operation.' }),
  command('lpos', -3, 'readonly', [1, 1, 1], 'list', 'Return the index of matching elements on a list', lpos, { since: '6.0.6', complexity: 'O(N) where N is the number of elements in the list, for the average case. When searching for elements near the head or the tail of the list, or when the MAXLEN option is provided, the command may run in constant time.' }),
  command('lmove', 5, 'write denyoom', [1, 2, 1], 'list', 'Pop an element from a list, push it to another list and return it', lmove, { since: '6.2.0', complexity: 'O(1)' }),
  command('rpoplpush', 3, 'write denyoom', [1, 2, 1], 'list', 'Remove the last element in a list, prepend it to another list and return it', rpoplpush, { since: '1.2.0', complexity: 'O(1)' }),
  command('lmpop', -4, 'write movablekeys', [0, 0, 0], 'list', 'Pop elements from a list', lmpop, { since: '7.0.0', complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.', getKeys: (argv) => numkeysPositions(argv, 1) }),
];

// ---------------------------------------------------------------------------------------------
// Shared helpers (also used by the blocking forms)

/** LEFT / RIGHT (any case), else a syntax error. */
export function endArg(s: string): End {
  if (isOpt(s, 'left')) return LEFT;
  if (isOpt(s, 'right')) return RIGHT;
  return fail(SYNTAX);
}

/** Key positions of LMPOP / BLMPOP style calls: numkeys at argv[idx], keys after it. */
export function numkeysPositions(argv: string[], idx: number): number[] {
  const n = idx < argv.length ? parseInteger(argv[idx]) : null;
  if (n === null || n <= 0) return [];
  const out: number[] = [];
  for (let i = idx + 1; i <= idx + n && i < argv.length; i++) out.push(i);
  return out;
}

/** The list at key for a write, or undefined; WRONGTYPE for other types. */
export function getList(c: Client, key: string): ListValue | undefined {
  return c.db.getOf<ListValue>(key, 'list');
}

/** A list for a read-only command: Redis's lookupKeyRead (hit/miss stats, `keymiss`), then WRONGTYPE. */
function readList(c: Client, key: string): ListValue | undefined {
  const v = lookupRead(c, key);
  if (v !== undefined && (typeof v === 'string' || v.type !== 'list')) fail(WRONGTYPE);
  return v as ListValue | undefined;
}

/** Adds an empty list under an absent key with the 'new' event, as Redis's dbAdd. */
function createList(c: Client, key: string): ListValue {
  const list = c.db.getOrCreate(key, 'list', newList);
  c.db.notify(NOTIFY.NEW, 'new', key);
  return list;
}

/** One bulk string frame. */
function bulkFrame(s: string): string {
  return '$' + s.length + CRLF + s + CRLF;
}

/**
 * After popping from a list (Redis's listElementsRemoved): the lpop/rpop event, the key deleted
 * with a del event when emptied, and WATCH invalidation.
 */
export function elementsRemoved(c: Client, key: string, where: End, list: ListValue): void {
  const db = c.db;
  db.notify(NOTIFY.LIST, where === LEFT ? 'lpop' : 'rpop', key);
  if (db.deleteIfEmpty(key, list)) db.notify(NOTIFY.GENERIC, 'del', key);
  db.modified(key);
}

/** Pops up to `count` elements from one end and writes them as an array frame, in pop order. */
function popRangeFrame(list: ListValue, where: End, count: number): string {
  const q = list.items;
  const n = Math.min(count, q.length);
  let s = '*' + n + CRLF;
  for (let i = 0; i < n; i++) s += bulkFrame((where === LEFT ? q.shift() : q.pop()) as string);
  return s;
}

/** LMPOP / BLMPOP's reply: [key, [elements…]], popping up to count, then the removal bookkeeping. */
export function popRangeWithKey(c: Client, key: string, list: ListValue, where: End, count: number): void {
  c.out.raw('*2\r\n' + bulkFrame(key) + popRangeFrame(list, where, count));
  elementsRemoved(c, key, where, list);
}

/** BLPOP's reply for one popped element: [key, element]. */
export function popOneWithKey(c: Client, key: string, list: ListValue, where: End): void {
  const v = (where === LEFT ? list.items.shift() : list.items.pop()) as string;
  c.out.raw('*2\r\n' + bulkFrame(key) + bulkFrame(v));
  elementsRemoved(c, key, where, list);
}

/**
 * LMOVE once the source is known to be a non-empty list: checks the destination type, pops, pushes
 * (creating the destination), replies with the element. Events in Redis's order: the push on the
 * destination, then the pop (and del) on the source. Works when source and destination are one list.
 */
export function moveElement(c: Client, src: string, list: ListValue, dst: string, from: End, to: End): void {
  const db = c.db;
  // The destination is looked up (and type-checked) before the pop, so LMOVE k k sees one list.
  let target = db.getOf<ListValue>(dst, 'list');
  const v = (from === LEFT ? list.items.shift() : list.items.pop()) as string;
  if (target === undefined) target = createList(c, dst);
  db.modified(dst);
  if (to === LEFT) target.items.unshift(v);
  else target.items.push(v);
  db.notify(NOTIFY.LIST, to === LEFT ? 'lpush' : 'rpush', dst);
  db.signalReady(dst);
  c.out.bulk(v);
  db.notify(NOTIFY.LIST, from === LEFT ? 'lpop' : 'rpop', src);
  if (db.deleteIfEmpty(src, list)) db.notify(NOTIFY.GENERIC, 'del', src);
  db.modified(src);
}

/** A non-negative LONG argument (Redis's getPositiveLongFromObjectOrReply), else `msg`. */
function positiveArg(s: string, msg: string): number {
  const v = parseInteger(s);
  if (v === null || v < 0) fail(msg);
  return v;
}

// ---------------------------------------------------------------------------------------------
// Pushes

function lpush(c: Client, argv: string[]): void {
  push(c, argv, LEFT, false);
}

function rpush(c: Client, argv: string[]): void {
  push(c, argv, RIGHT, false);
}

function lpushx(c: Client, argv: string[]): void {
  push(c, argv, LEFT, true);
}

function rpushx(c: Client, argv: string[]): void {
  push(c, argv, RIGHT, true);
}

/** LPUSH / RPUSH / LPUSHX / RPUSHX: every element in argument order, then the length. */
function push(c: Client, argv: string[], where: End, onlyIfExists: boolean): void {
  const db = c.db;
  const key = argv[1];
  let list = db.getOf<ListValue>(key, 'list');
  if (list === undefined) {
    if (onlyIfExists) return c.out.int(0);
    list = createList(c, key);
  }
  const q = list.items;
  if (where === LEFT) for (let i = 2; i < argv.length; i++) q.unshift(argv[i]);
  else for (let i = 2; i < argv.length; i++) q.push(argv[i]);
  c.out.int(q.length);
  db.modified(key);
  db.notify(NOTIFY.LIST, where === LEFT ? 'lpush' : 'rpush', key);
  db.signalReady(key);
}

// ---------------------------------------------------------------------------------------------
// Pops

function lpop(c: Client, argv: string[]): void {
  pop(c, argv, LEFT);
}

function rpop(c: Client, argv: string[]): void {
  pop(c, argv, RIGHT);
}

/** LPOP / RPOP [count]: a bulk without count, an array with it (null array for a missing key). */
function pop(c: Client, argv: string[], where: End): void {
  if (argv.length > 3) return c.out.error(wrongArity(argv[0].toLowerCase()));
  const hasCount = argv.length === 3;
  const count = hasCount ? positiveArg(argv[2], NOT_POSITIVE) : 0;
  const key = argv[1];
  const list = getList(c, key);
  if (list === undefined) return hasCount ? c.out.nullArray() : c.out.nullBulk();
  if (!hasCount) {
    c.out.bulk((where === LEFT ? list.items.shift() : list.items.pop()) as string);
  } else {
    if (count === 0) return c.out.raw('*0\r\n');
    c.out.raw(popRangeFrame(list, where, count));
  }
  elementsRemoved(c, key, where, list);
}

/** LMPOP numkeys key [key …] LEFT|RIGHT [COUNT count]. */
function lmpop(c: Client, argv: string[]): void {
  const { where, count, numkeys } = parseMpop(argv, 1);
  mpop(c, argv, 2, numkeys, where, count);
}

/**
 * Parses the numkeys / LEFT|RIGHT / COUNT part of LMPOP and BLMPOP (numkeys at argv[idx]), with
 * Redis's errors in Redis's order.
 */
export function parseMpop(argv: string[], idx: number): { numkeys: number; where: End; count: number } {
  const numkeys = parseInteger(argv[idx]);
  if (numkeys === null || numkeys <= 0) fail('ERR numkeys should be greater than 0');
  const whereIdx = idx + numkeys + 1;
  if (whereIdx >= argv.length) fail(SYNTAX);
  const where = endArg(argv[whereIdx]);
  let count = -1;
  for (let j = whereIdx + 1; j < argv.length; j++) {
    if (count === -1 && isOpt(argv[j], 'count') && j + 1 < argv.length) {
      const n = parseInteger(argv[++j]);
      if (n === null || n <= 0) fail('ERR count should be greater than 0');
      count = n;
    } else {
      fail(SYNTAX);
    }
  }
  return { numkeys, where, count: count === -1 ? 1 : count };
}

/** Pops from the first non-empty list among argv[first … first+numkeys), or writes a null array. */
function mpop(c: Client, argv: string[], first: number, numkeys: number, where: End, count: number): void {
  for (let j = first; j < first + numkeys; j++) {
    const list = getList(c, argv[j]);
    if (list === undefined) continue;
    return popRangeWithKey(c, argv[j], list, where, count);
  }
  c.out.nullArray();
}

// ---------------------------------------------------------------------------------------------
// Reads

function llen(c: Client, argv: string[]): void {
  const list = readList(c, argv[1]);
  c.out.int(list === undefined ? 0 : list.size());
}

/** LRANGE: one reply string built straight from the ring, no intermediate array. */
function lrange(c: Client, argv: string[]): void {
  let start = intArg(argv[2]);
  let end = intArg(argv[3]);
  const list = readList(c, argv[1]);
  if (list === undefined) return c.out.raw('*0\r\n');
  const q = list.items;
  const n = q.length;
  if (start < 0) start = n + start;
  if (end < 0) end = n + end;
  if (start < 0) start = 0;
  if (start > end || start >= n) return c.out.raw('*0\r\n');
  if (end >= n) end = n - 1;
  let s = '*' + (end - start + 1) + CRLF;
  for (let i = start; i <= end; i++) {
    const v = q.peekAt(i) as string;
    s += '$' + v.length + CRLF + v + CRLF;
  }
  c.out.raw(s);
}

function lindex(c: Client, argv: string[]): void {
  const list = readList(c, argv[1]);
  if (list === undefined) return c.out.nullBulk();
  let i = intArg(argv[2]);
  const n = list.size();
  if (i < 0) i += n;
  if (i < 0 || i >= n) return c.out.nullBulk();
  c.out.bulk(list.at(i));
}

/**
 * LPOS key element [RANK rank] [COUNT num] [MAXLEN len]: indexes of matches, scanning from the
 * head (or from the tail for a negative rank), skipping the first |rank|-1 matches.
 */
function lpos(c: Client, argv: string[]): void {
  const ele = argv[2];
  let rank = 1;
  let count = -1; // -1: no COUNT option, a single index (or nil) is answered
  let maxlen = 0;
  let rankText = '';
  for (let j = 3; j < argv.length; j++) {
    const opt = argv[j];
    const more = j + 1 < argv.length;
    if (more && isOpt(opt, 'rank')) {
      rankText = argv[++j];
      rank = intArg(rankText);
      if (rank === 0) {
        fail("ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list");
      }
    } else if (more && isOpt(opt, 'count')) {
      count = positiveArg(argv[++j], "ERR COUNT can't be negative");
    } else if (more && isOpt(opt, 'maxlen')) {
      maxlen = positiveArg(argv[++j], "ERR MAXLEN can't be negative");
    } else {
      fail(SYNTAX);
    }
  }
  let fromTail = false;
  // Redis negates LLONG_MIN into itself: every match then qualifies and COUNT never stops the scan.
  // (compared as text: -2^63+1 rounds to -2^63 as a double).
  const minRank = rankText === '-9223372036854775808';
  if (rank < 0) {
    fromTail = true;
    rank = -rank;
  }
  const list = readList(c, argv[1]);
  if (list === undefined) return count !== -1 ? c.out.raw('*0\r\n') : c.out.nullBulk();
  const n = list.size();
  let matches = 0;
  let found = 0;
  let s = '';
  for (let index = 0; index < n && (maxlen === 0 || index < maxlen); index++) {
    const pos = fromTail ? n - index - 1 : index;
    if (list.at(pos) !== ele) continue;
    matches++;
    if (!minRank && matches < rank) continue;
    if (count === -1) return c.out.int(pos);
    found++;
    s += ':' + pos + CRLF;
    if (count !== 0 && !minRank && matches - rank + 1 >= count) break;
  }
  if (count === -1) return c.out.nullBulk();
  c.out.raw('*' + found + CRLF + s);
}

// ---------------------------------------------------------------------------------------------
// In-place edits

function lset(c: Client, argv: string[]): void {
  const key = argv[1];
  const list = getList(c, key);
  if (list === undefined) fail(NO_SUCH_KEY);
  let i = intArg(argv[2]);
  const n = list.size();
  if (i < 0) i += n;
  if (i < 0 || i >= n) fail('ERR index out of range');
  list.setAt(i, argv[3]);
  c.out.ok();
  c.db.modified(key);
  c.db.notify(NOTIFY.LIST, 'lset', key);
}

/** LINSERT key BEFORE|AFTER pivot element: the new length, -1 without the pivot, 0 without the key. */
function linsert(c: Client, argv: string[]): void {
  let after: boolean;
  if (isOpt(argv[2], 'after')) after = true;
  else if (isOpt(argv[2], 'before')) after = false;
  else fail(SYNTAX);
  const key = argv[1];
  const list = getList(c, key);
  if (list === undefined) return c.out.int(0);
  const pivot = argv[3];
  const n = list.size();
  for (let i = 0; i < n; i++) {
    if (list.at(i) !== pivot) continue;
    list.insertAt(after ? i + 1 : i, argv[4]);
    c.db.modified(key);
    c.db.notify(NOTIFY.LIST, 'linsert', key);
    return c.out.int(n + 1);
  }
  c.out.int(-1);
}

function lrem(c: Client, argv: string[]): void {
  const count = intArg(argv[2]);
  const key = argv[1];
  const list = getList(c, key);
  if (list === undefined) return c.out.int(0);
  const removed = list.removeMatches(argv[3], count);
  const db = c.db;
  if (removed !== 0) {
    db.modified(key);
    db.notify(NOTIFY.LIST, 'lrem', key);
  }
  if (db.deleteIfEmpty(key, list)) db.notify(NOTIFY.GENERIC, 'del', key);
  c.out.int(removed);
}

/** LTRIM: always an ltrim event and a WATCH touch on an existing key, even when nothing is cut. */
function ltrim(c: Client, argv: string[]): void {
  let start = intArg(argv[2]);
  let end = intArg(argv[3]);
  const key = argv[1];
  const list = getList(c, key);
  if (list === undefined) return c.out.ok();
  const n = list.size();
  if (start < 0) start = n + start;
  if (end < 0) end = n + end;
  if (start < 0) start = 0;
  if (start > end || start >= n) {
    list.trim(n, 0);
  } else {
    if (end >= n) end = n - 1;
    list.trim(start, n - end - 1);
  }
  const db = c.db;
  db.notify(NOTIFY.LIST, 'ltrim', key);
  if (db.deleteIfEmpty(key, list)) db.notify(NOTIFY.GENERIC, 'del', key);
  db.modified(key);
  c.out.ok();
}

// ---------------------------------------------------------------------------------------------
// Moves

function lmove(c: Client, argv: string[]): void {
  const from = endArg(argv[3]);
  const to = endArg(argv[4]);
  moveCommand(c, argv[1], argv[2], from, to);
}

function rpoplpush(c: Client, argv: string[]): void {
  moveCommand(c, argv[1], argv[2], RIGHT, LEFT);
}

/** LMOVE / RPOPLPUSH: nil for a missing source (the destination's type is then not checked). */
export function moveCommand(c: Client, src: string, dst: string, from: End, to: End): void {
  const list = getList(c, src);
  if (list === undefined) return c.out.nullBulk();
  moveElement(c, src, list, dst, from, to);
}
