/**
 * Transactions: MULTI, EXEC, DISCARD, WATCH, UNWATCH. Queuing itself happens in src/dispatch.ts;
 * EXEC runs the queue with blocking commands acting as their non-blocking forms, and blocked clients
 * woken by the queue are served only once EXEC is done.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { EXECABORT } from '../src/errors';
import { unwatchAll } from '../src/server';

export const commands: CommandSpec[] = [
  command('multi', 1, 'noscript loading stale fast allow_busy', [0, 0, 0], 'transactions', 'Mark the start of a transaction block', multi, { since: '1.2.0', complexity: 'O(1)' }),
  command('exec', 1, 'noscript loading stale skip_slowlog', [0, 0, 0], 'transactions', 'Execute all commands issued after MULTI', exec, { since: '1.2.0', complexity: 'Depends on commands in the transaction' }),
  command('discard', 1, 'noscript loading stale fast allow_busy', [0, 0, 0], 'transactions', 'Discard all commands issued after MULTI', discard, { since: '2.0.0', complexity: 'O(N), when N is the number of queued commands' }),
  command('watch', -2, 'noscript loading stale fast allow_busy', [1, -1, 1], 'transactions', 'Watch the given keys to determine execution of the MULTI/EXEC block', watch, { since: '2.2.0', complexity: 'O(1) for every key.' }),
  command('unwatch', 1, 'noscript loading stale fast allow_busy', [0, 0, 0], 'transactions', 'Forget about all watched keys', unwatch, { since: '2.2.0', complexity: 'O(1)' }),
];

function multi(c: Client): void {
  if (c.multi !== null) return c.out.error('ERR MULTI calls can not be nested');
  c.multi = [];
  c.multiError = false;
  c.out.ok();
}

/** Leaves MULTI state and drops WATCHes (after EXEC, DISCARD, RESET). */
export function discardTransaction(c: Client): void {
  c.multi = null;
  c.multiError = false;
  unwatchAll(c);
}

function exec(c: Client): void {
  const queue = c.multi;
  if (queue === null) return c.out.error('ERR EXEC without MULTI');
  if (c.multiError) {
    discardTransaction(c);
    return c.out.error(EXECABORT);
  }
  // Redis 7: a WATCHed key that expired since WATCH (even if not yet deleted) fails EXEC too.
  if (!c.dirtyCAS && c.watched !== null) {
    for (const [db, key, wasExpired] of c.watched) if (!wasExpired && db.isExpired(key)) c.dirtyCAS = true;
  }
  if (c.dirtyCAS) {
    discardTransaction(c);
    return c.out.nullArray();
  }
  c.multi = null;
  unwatchAll(c);
  const server = c.server;
  server.inExec = c;
  try {
    c.out.array(queue.length);
    for (const [spec, argv] of queue) server.call(c, spec, argv);
  } finally {
    server.inExec = null;
  }
}

function discard(c: Client): void {
  if (c.multi === null) return c.out.error('ERR DISCARD without MULTI');
  discardTransaction(c);
  c.out.ok();
}

function watch(c: Client, argv: string[]): void {
  if (c.multi !== null) return c.out.error('ERR WATCH inside MULTI is not allowed');
  const db = c.db;
  if (db.watchers === null) db.watchers = new Map();
  if (c.watched === null) c.watched = [];
  for (let i = 1; i < argv.length; i++) {
    const key = argv[i];
    let set = db.watchers.get(key);
    if (set === undefined) db.watchers.set(key, (set = new Set()));
    if (set.has(c)) continue;
    set.add(c);
    c.watched.push([db, key, db.isExpired(key)]);
  }
  c.out.ok();
}

function unwatch(c: Client): void {
  unwatchAll(c);
  c.out.ok();
}
