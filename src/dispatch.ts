/**
 * The checks every command passes before its handler runs, in Redis 7.0's order: lookup, arity,
 * authentication, RESP2 subscriber mode, MULTI queuing. Then the handler runs with any thrown
 * RedisError turned into an error reply, and blocked clients of keys it made ready are served.
 */
import type { Client } from './connection';
import type { Server } from './server';
import type { CommandSpec } from './command';
import { RedisError, NOAUTH, unknownCommand, wrongArity, unknownSubcommand } from './errors';
import { QUEUED } from './protocol/reply';
import { discardTransaction } from '../commands/transactions';

/** Commands a RESP2 client in subscriber mode may still send. */
const SUBSCRIBER_ALLOWED = new Set(['ping', 'subscribe', 'ssubscribe', 'unsubscribe', 'sunsubscribe', 'psubscribe', 'punsubscribe', 'quit', 'reset']);
/** Commands that run at once inside MULTI instead of being queued. */
const MULTI_IMMEDIATE = new Set(['exec', 'discard', 'multi', 'watch', 'quit', 'reset']);

/** Resolves the entry for argv (the subcommand entry for containers such as CONFIG GET), or writes the error. */
export function resolve(server: Server, c: Client, argv: string[]): CommandSpec | null {
  const spec = server.table.lookup(argv[0]);
  if (spec === undefined) {
    reject(c, unknownCommand(argv));
    return null;
  }
  if (spec.subcommands !== undefined && argv.length >= 2) {
    const sub = server.table.lookupSub(spec, argv[1]);
    if (sub === undefined) {
      reject(c, unknownSubcommand(argv[1], spec.name));
      return null;
    }
    return checkArity(c, sub, argv) ? sub : null;
  }
  return checkArity(c, spec, argv) ? spec : null;
}

function checkArity(c: Client, spec: CommandSpec, argv: string[]): boolean {
  const a = spec.arity;
  if ((a > 0 && argv.length !== a) || argv.length < -a) {
    reject(c, wrongArity(spec.name), spec);
    return false;
  }
  return true;
}

/**
 * An error before execution; inside MULTI it also dooms the transaction (EXECABORT). A rejected EXEC
 * itself discards the transaction and wraps the error, as Redis's execCommandAbort does.
 */
function reject(c: Client, msg: string, spec?: CommandSpec): void {
  if (spec !== undefined && spec.name === 'exec') {
    discardTransaction(c);
    c.out.error('EXECABORT Transaction discarded because of: ' + (msg.startsWith('ERR ') ? msg.slice(4) : msg));
    return;
  }
  if (c.multi !== null) c.multiError = true;
  c.out.error(msg);
}

/** Runs one request from a client. */
export function execute(server: Server, c: Client, argv: string[]): void {
  const spec = resolve(server, c, argv);
  if (spec === null) return;
  if (!c.authenticated && !spec.flags.includes('no_auth')) {
    reject(c, NOAUTH, spec);
    return;
  }
  const name = spec.name;
  if (c.out.protocol === 2 && c.subscriptionCount !== 0 && !SUBSCRIBER_ALLOWED.has(name)) {
    reject(c, `ERR Can't execute '${name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context`, spec);
    return;
  }
  if (c.multi !== null && !MULTI_IMMEDIATE.has(name)) {
    if (spec.flags.includes('no_multi')) {
      reject(c, 'ERR Command not allowed inside a transaction');
      return;
    }
    c.multi.push([spec, argv]);
    c.lastCommand = spec.name; // CLIENT LIST cmd= names the queued command, as in Redis
    c.out.raw(QUEUED);
    return;
  }
  const mark = c.out.buf.length;
  const mode = c.replyMode;
  server.call(c, spec, argv);
  if (mode !== 'on') {
    // CLIENT REPLY OFF / SKIP: drop what this command wrote (CLIENT REPLY ON itself answers +OK).
    if (mode === 'skip') {
      c.out.buf = c.out.buf.slice(0, mark);
      if (c.replyMode === 'skip') c.replyMode = 'on';
    } else if (c.replyMode !== 'on') {
      c.out.buf = c.out.buf.slice(0, mark);
    }
  }
  if (server.blocking.hasReady && server.inExec === null) server.blocking.serveReady();
}

/** Runs a handler, turning a thrown RedisError into an error reply (nothing escapes a connection). */
export function callHandler(c: Client, spec: CommandSpec, argv: string[]): void {
  try {
    spec.handler(c, argv);
  } catch (e) {
    if (e instanceof RedisError) c.out.error(e.message);
    else {
      c.server.log('warning', `Internal error in '${spec.name}': ${(e as Error).stack ?? e}`);
      c.out.error(`ERR internal error while running '${spec.name}'`);
    }
  }
}
