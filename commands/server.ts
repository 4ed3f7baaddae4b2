/**
 * Server commands: FLUSHALL, FLUSHDB, DBSIZE, TIME, LASTSAVE, SAVE, BGSAVE, BGREWRITEAOF, ROLE,
 * SLOWLOG, DEBUG, SHUTDOWN. (INFO is in commands/info.ts, CONFIG in commands/config.ts, COMMAND in
 * commands/introspection.ts.)
 *
 * Respite keeps data in memory only: SAVE / BGSAVE / BGREWRITEAOF answer as Redis does and update
 * LASTSAVE and INFO persistence, but write nothing. The slow log is not recorded (always empty).
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import type { Server } from '../src/server';
import { SYNTAX } from '../src/errors';
import { isOpt, parseInteger } from './args';
import { writeHelp } from './client';

const ADMIN = 'admin noscript loading stale';

export const commands: CommandSpec[] = [
  command('flushall', -1, 'write', [0, 0, 0], 'server', 'Remove all keys from all databases', flushall, { complexity: 'O(N) where N is the total number of keys in all databases' }),
  command('flushdb', -1, 'write', [0, 0, 0], 'server', 'Remove all keys from the current database', flushdb, { complexity: 'O(N) where N is the number of keys in the selected database' }),
  command('dbsize', 1, 'readonly fast', [0, 0, 0], 'server', 'Return the number of keys in the selected database', dbsize, { complexity: 'O(1)' }),
  command('time', 1, 'loading stale fast', [0, 0, 0], 'server', 'Return the current server time', time, { since: '2.6.0', complexity: 'O(1)' }),
  command('lastsave', 1, 'loading stale fast', [0, 0, 0], 'server', 'Get the UNIX time stamp of the last successful save to disk', lastsave, { complexity: 'O(1)' }),
  command('save', 1, 'admin noscript no_async_loading no_multi', [0, 0, 0], 'server', 'Synchronously save the dataset to disk', save, { complexity: 'O(N) where N is the total number of keys in all databases' }),
  command('bgsave', -1, 'admin noscript no_async_loading', [0, 0, 0], 'server', 'Asynchronously save the dataset to disk', bgsave, { complexity: 'O(1)' }),
  command('bgrewriteaof', 1, 'admin noscript no_async_loading', [0, 0, 0], 'server', 'Asynchronously rewrite the append-only file', bgrewriteaof, { complexity: 'O(1)' }),
  command('role', 1, 'noscript loading stale fast', [0, 0, 0], 'server', 'Return the role of the instance in the context of replication', role, { since: '2.8.12', complexity: 'O(1)' }),
  command('slowlog', -2, '', [0, 0, 0], 'server', 'A container for slow log commands', () => undefined, {
    since: '2.2.12',
    complexity: 'Depends on subcommand.',
    subcommands: [
      command('slowlog|get', -2, 'admin loading stale', [0, 0, 0], 'server', "Get the slow log's entries", slowlogGet, { since: '2.2.12', complexity: 'O(N) where N is the number of entries returned' }),
      command('slowlog|len', 2, 'admin loading stale', [0, 0, 0], 'server', "Get the slow log's length", slowlogLen, { since: '2.2.12', complexity: 'O(1)' }),
      command('slowlog|reset', 2, 'admin loading stale', [0, 0, 0], 'server', 'Clear all entries from the slow log', slowlogReset, { since: '2.2.12', complexity: 'O(N) where N is the number of entries in the slowlog' }),
      command('slowlog|help', 2, 'loading stale', [0, 0, 0], 'server', 'Show helpful text about the different subcommands', slowlogHelp, { since: '6.2.0', complexity: 'O(1)' }),
    ],
  }),
  command('debug', -2, ADMIN, [0, 0, 0], 'server', 'A container for debugging commands', debug, { complexity: 'Depends on subcommand.' }),
  command('shutdown', -1, 'admin noscript loading stale no_multi allow_busy', [0, 0, 0], 'server', 'Synchronously save the dataset to disk and then shut down the server', shutdown, {
    complexity: 'O(N) when saving, where N is the total number of keys in all databases when saving data, otherwise O(1)',
  }),
];

/** What INFO persistence and LASTSAVE report; kept per server, outside the core Server class. */
export interface PersistState {
  /** Unix seconds of the last (pretend) save; the start time until the first one, as in Redis. */
  lastSave: number;
  saves: number;
  aofRewrites: number;
  /** DEBUG SET-ACTIVE-EXPIRE mirror, for INFO readers. */
  activeExpire: boolean;
}

const persist = new WeakMap<Server, PersistState>();

/** The persistence bookkeeping of a server (created on first use). */
export function persistState(server: Server): PersistState {
  let p = persist.get(server);
  if (p === undefined) {
    p = { lastSave: Math.floor(server.stats.startTime / 1000), saves: 0, aofRewrites: 0, activeExpire: true };
    persist.set(server, p);
  }
  return p;
}

/** FLUSHALL / FLUSHDB take an optional ASYNC or SYNC; both flush at once here. */
function flushMode(argv: string[]): boolean {
  if (argv.length === 1) return true;
  return argv.length === 2 && (isOpt(argv[1], 'async') || isOpt(argv[1], 'sync'));
}

function flushall(c: Client, argv: string[]): void {
  if (!flushMode(argv)) return c.out.error(SYNTAX);
  c.server.flushAll();
  c.out.ok();
}

function flushdb(c: Client, argv: string[]): void {
  if (!flushMode(argv)) return c.out.error(SYNTAX);
  c.db.flush();
  c.out.ok();
}

function dbsize(c: Client): void {
  c.out.int(c.db.size);
}

/** TIME: [unix seconds, microseconds] as bulk strings, from the server clock (so tests can move it). */
function time(c: Client): void {
  const us = c.server.clock.nowMicros();
  const secs = Math.floor(us / 1e6);
  c.out.array(2);
  c.out.bulk(String(secs));
  c.out.bulk(String(Math.floor(us - secs * 1e6)));
}

function lastsave(c: Client): void {
  c.out.int(persistState(c.server).lastSave);
}

/** Records a pretend save: LASTSAVE and INFO persistence move on, nothing is written. */
function markSaved(c: Client): void {
  const p = persistState(c.server);
  p.lastSave = Math.floor(c.server.clock.now() / 1000);
  p.saves++;
}

function save(c: Client): void {
  markSaved(c);
  c.out.ok();
}

/** BGSAVE [SCHEDULE]: answers as Redis when no child is running. */
function bgsave(c: Client, argv: string[]): void {
  if (argv.length > 2 || (argv.length === 2 && !isOpt(argv[1], 'schedule'))) return c.out.error(SYNTAX);
  markSaved(c);
  c.out.simple('Background saving started');
}

function bgrewriteaof(c: Client): void {
  persistState(c.server).aofRewrites++;
  c.out.simple('Background append only file rewriting started');
}

/** ROLE: always a master without replicas. */
function role(c: Client): void {
  c.out.array(3);
  c.out.bulk('master');
  c.out.int(0);
  c.out.array(0);
}

/** SLOWLOG GET [count]: the count is validated as Redis does; the log itself is always empty. */
function slowlogGet(c: Client, argv: string[]): void {
  if (argv.length > 3) return c.out.error(`ERR unknown subcommand or wrong number of arguments for '${argv[1]}'. Try SLOWLOG HELP.`);
  if (argv.length === 3) {
    const n = parseInteger(argv[2]);
    if (n === null || n < -1) return c.out.error('ERR count should be greater than or equal to -1');
  }
  c.out.array(0);
}

function slowlogLen(c: Client): void {
  c.out.int(0);
}

function slowlogReset(c: Client): void {
  c.out.ok();
}

const SLOWLOG_HELP = [
  'SLOWLOG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'GET [<count>]',
  '    Return top <count> entries from the slowlog (default: 10, -1 mean all).',
  '    Entries are made of:',
  '    id, timestamp, time in microseconds, arguments array, client IP and port,',
  '    client name',
  'LEN',
  '    Return the length of the slowlog.',
  'RESET',
  '    Reset the slowlog.',
  'HELP',
  '    Prints this help.',
];

function slowlogHelp(c: Client): void {
  writeHelp(c, SLOWLOG_HELP);
}

const DEBUG_HELP = [
  'DEBUG <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'ERROR <string>',
  '    Return a Redis protocol error with <string> as message. Useful for clients',
  '    unit tests to simulate Redis errors.',
  'SET-ACTIVE-EXPIRE <0|1>',
  '    Setting it to 0 disables expiring keys in background when they are not',
  '    accessed (otherwise the Redis behavior). Setting it to 1 reenables back the',
  '    default.',
  'SLEEP <seconds>',
  '    Stop the server for <seconds>. Decimals allowed.',
  'HELP',
  '    Prints this help.',
];

/** True if the client connects from the loopback interface (enable-debug-command local). */
function isLocal(c: Client): boolean {
  const ip = c.socket.remoteAddress ?? '';
  return ip === '127.0.0.1' || ip === '::1' || ip === '::ffff:127.0.0.1';
}

/** C's atoi: leading spaces, a sign and digits; anything else stops it (0 when nothing parses). */
function atoi(s: string): number {
  const m = /^\s*([+-]?\d+)/.exec(s);
  return m ? Number(m[1]) | 0 : 0;
}

/** C's strtod on a prefix (junk after the number is ignored, no number reads 0). */
function strtod(s: string): number {
  const m = /^\s*[+-]?(?:inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)/i.exec(s);
  if (!m) return 0;
  const t = m[0].trim().toLowerCase();
  if (t.endsWith('inf') || t.endsWith('infinity')) return t.startsWith('-') ? -Infinity : Infinity;
  return Number(t);
}

/** DEBUG SLEEP / SET-ACTIVE-EXPIRE / ERROR / HELP, behind enable-debug-command as in Redis 7. */
function debug(c: Client, argv: string[]): void {
  const allowed = c.server.config.get('enable-debug-command');
  if (allowed === 'no' || (allowed === 'local' && !isLocal(c))) {
    return c.out.error('ERR DEBUG command not allowed. If the enable-debug-command option is set to "local", you can run it from a local connection, otherwise you need to set this option in the configuration file, and then restart the server.');
  }
  const sub = argv[1];
  if (isOpt(sub, 'help') && argv.length === 2) return writeHelp(c, DEBUG_HELP);
  if (isOpt(sub, 'sleep') && argv.length === 3) {
    const us = Math.trunc(strtod(argv[2]) * 1e6);
    // Redis stops the whole server for this long; so does Respite, by blocking the event loop.
    if (us > 0) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, us / 1000);
    return c.out.ok();
  }
  if (isOpt(sub, 'set-active-expire') && argv.length === 3) {
    const on = atoi(argv[2]) !== 0;
    c.server.activeExpireEnabled = on;
    persistState(c.server).activeExpire = on;
    return c.out.ok();
  }
  if (isOpt(sub, 'error') && argv.length === 3) return c.out.error(argv[2]);
  c.out.error(`ERR unknown subcommand or wrong number of arguments for '${sub}'. Try DEBUG HELP.`);
}

/** SHUTDOWN [NOSAVE|SAVE] [NOW] [FORCE] [ABORT]: stops the server; the caller gets no reply. */
function shutdown(c: Client, argv: string[]): void {
  let nosave = false;
  let saveFlag = false;
  let other = false;
  let abort = false;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (isOpt(a, 'nosave')) nosave = true;
    else if (isOpt(a, 'save')) saveFlag = true;
    else if (isOpt(a, 'now') || isOpt(a, 'force')) other = true;
    else if (isOpt(a, 'abort')) abort = true;
    else return c.out.error(SYNTAX);
  }
  if ((abort && (nosave || saveFlag || other)) || (nosave && saveFlag)) return c.out.error(SYNTAX);
  if (abort) return c.out.error('ERR No shutdown in progress.');
  c.server.log('warning', 'User requested shutdown...');
  c.out.clear();
  c.closing = true;
  void c.server.stop();
}
