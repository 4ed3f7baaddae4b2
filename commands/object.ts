/**
 * OBJECT ENCODING / REFCOUNT / IDLETIME / FREQ / HELP (Redis 7.0 object.c objectCommand).
 * Strings are plain JS strings here, so their encoding is derived from the value with Redis's
 * tryObjectEncoding rules, unless the string commands remembered another (db.stringEncodings: raw
 * after in-place edits, embstr for INCRBYFLOAT results). Respite keeps no per-key access time or
 * LFU counter (see IDLETIME / FREQ).
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import type { Value } from '../src/keyspace/types';
import { fail, unknownSubcommand } from '../src/errors';
import { parseInteger } from './args';

const HELP = [
  'OBJECT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ENCODING <key>',
  '    Return the kind of internal representation used in order to store the value',
  '    associated with a <key>.',
  'FREQ <key>',
  '    Return the access frequency index of the <key>. The returned integer is',
  '    proportional to the logarithm of the recent access frequency of the key.',
  'IDLETIME <key>',
  '    Return the idle time of the <key>, that is the approximated number of',
  '    seconds elapsed since the last access to the key.',
  'REFCOUNT <key>',
  '    Return the number of references of the value associated with the specified',
  '    <key>.',
  'HELP',
  '    Prints this help.',
];

const LFU_NOT_SELECTED =
  'ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';
const LFU_SELECTED =
  'ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust.';
/** Redis's refcount of its shared integer objects (OBJ_SHARED_REFCOUNT). */
const SHARED_REFCOUNT = 2147483647;
/** Integers below this are Redis's shared objects (OBJ_SHARED_INTEGERS). */
const SHARED_INTEGERS = 10000;
/** Longest string Redis stores embedded in its object header (OBJ_ENCODING_EMBSTR_SIZE_LIMIT). */
const EMBSTR_LIMIT = 44;

const sub = (name: string, summary: string, handler: (c: Client, argv: string[]) => void, since = '2.2.3'): CommandSpec =>
  command(`object|${name}`, 3, 'readonly', [2, 2, 1], 'generic', summary, handler, { since, complexity: 'O(1)' });

export const commands: CommandSpec[] = [
  /** The OBJECT container; dispatch routes to the subcommand entries below. */
  command('object', -2, '', [0, 0, 0], 'generic', 'A container for object introspection commands', (c, a) => fail(unknownSubcommand(a[1] ?? '', 'object')), {
    since: '2.2.3',
    complexity: 'Depends on subcommand.',
    subcommands: [
      /** How the value is stored (int / embstr / raw, listpack, intset, quicklist, skiplist, hashtable). */
      sub('encoding', 'Inspect the internal encoding of a Redis object', encodingCommand),
      /** References to the value: Redis's shared small integers answer INT_MAX. */
      sub('refcount', 'Get the number of references to the value of the key', refcountCommand),
      /** Seconds since the key was last accessed (not tracked by Respite: an error). */
      sub('idletime', 'Get the time since a Redis object was last accessed', idletimeCommand),
      /** The LFU access counter (only under an LFU maxmemory-policy; not tracked by Respite). */
      sub('freq', 'Get the logarithmic access frequency counter of a Redis object', freqCommand, '4.0.0'),
      /** The help text. */
      command('object|help', 2, 'loading stale', [0, 0, 0], 'generic', 'Show helpful text about the different subcommands', helpCommand, { since: '6.2.0', complexity: 'O(1)' }),
    ],
  }),
];

/** A string's encoding by tryObjectEncoding: int when string2l reads all of it, embstr up to 44 bytes. */
export function stringEncoding(s: string): 'int' | 'embstr' | 'raw' {
  if (s.length <= 20 && parseInteger(s) !== null) return 'int';
  return s.length <= EMBSTR_LIMIT ? 'embstr' : 'raw';
}

/**
 * The value of argv[2], or undefined after writing the nil reply. A read lookup that counts keyspace
 * hits and misses but fires no keymiss event (Redis's LOOKUP_NOTOUCH | LOOKUP_NONOTIFY).
 */
function lookup(c: Client, argv: string[]): Value | undefined {
  const v = c.db.get(argv[2]);
  if (v === undefined) {
    c.server.stats.keyspaceMisses++;
    c.out.nullBulk();
  } else {
    c.server.stats.keyspaceHits++;
  }
  return v;
}

/** A string's encoding: the one remembered for in-place edits / INCRBYFLOAT, else by its content. */
function encodingOf(c: Client, key: string, s: string): 'int' | 'embstr' | 'raw' {
  const marked = c.db.stringEncodings?.get(key);
  return marked !== undefined ? marked : stringEncoding(s);
}

function encodingCommand(c: Client, argv: string[]): void {
  const v = lookup(c, argv);
  if (v !== undefined) c.out.bulk(typeof v === 'string' ? encodingOf(c, argv[2], v) : v.encoding());
}

/**
 * Redis shares the objects of integers 0..9999 unless maxmemory is set with an LRU/LFU policy (which
 * needs per-object access data); those answer INT_MAX, everything else 1.
 */
function refcountCommand(c: Client, argv: string[]): void {
  const v = lookup(c, argv);
  if (v === undefined) return;
  let shared = false;
  if (typeof v === 'string' && v.length <= 4 && encodingOf(c, argv[2], v) === 'int') {
    const n = parseInteger(v);
    if (n !== null && n >= 0 && n < SHARED_INTEGERS) {
      const config = c.server.config;
      const policy = config.get('maxmemory-policy');
      shared = config.getInt('maxmemory') === 0 || !(policy.endsWith('-lru') || policy.endsWith('-lfu'));
    }
  }
  c.out.int(shared ? SHARED_REFCOUNT : 1);
}

function lfuPolicy(c: Client): boolean {
  return c.server.config.get('maxmemory-policy').endsWith('-lfu');
}

/**
 * Respite keeps no per-key access time: storing one would cost a map entry per key and a write on
 * every read. Rather than invent a number, it answers an error (Redis's own under an LFU policy).
 */
function idletimeCommand(c: Client, argv: string[]): void {
  if (lookup(c, argv) === undefined) return;
  if (lfuPolicy(c)) return c.out.error(LFU_SELECTED);
  c.out.error('ERR OBJECT IDLETIME is not supported: Respite does not track per-key access times');
}

/** Redis's error without an LFU policy; under one, Respite has no counter to report (an error). */
function freqCommand(c: Client, argv: string[]): void {
  if (lookup(c, argv) === undefined) return;
  if (!lfuPolicy(c)) return c.out.error(LFU_NOT_SELECTED);
  c.out.error('ERR OBJECT FREQ is not supported: Respite does not track access frequency');
}

function helpCommand(c: Client): void {
  c.out.array(HELP.length);
  for (const line of HELP) c.out.simple(line);
}
