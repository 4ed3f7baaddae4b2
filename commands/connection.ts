/**
 * Connection commands: PING, ECHO, QUIT, SELECT, HELLO, AUTH, RESET. Authentication follows Redis
 * 7.0's single `default` user: without requirepass it has `nopass` (any password is accepted for
 * `default`), with requirepass that is its only password. CLIENT lives in commands/client.ts.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { DB_INDEX, NOT_INTEGER, SYNTAX, WRONGPASS } from '../src/errors';
import { PONG } from '../src/protocol/reply';
import { parseInteger, isOpt } from './args';
import { discardTransaction } from './transactions';
import { validClientName, BAD_CLIENT_NAME } from './client';

const CONN_FLAGS = 'noscript loading stale fast no_auth allow_busy';

export const commands: CommandSpec[] = [
  command('ping', -1, 'fast', [0, 0, 0], 'connection', 'Ping the server', ping, { complexity: 'O(1)' }),
  command('echo', 2, 'loading stale fast', [0, 0, 0], 'connection', 'Echo the given string', echo, { complexity: 'O(1)' }),
  command('quit', -1, CONN_FLAGS, [0, 0, 0], 'connection', 'Close the connection', quit, { complexity: 'O(1)' }),
  command('select', 2, 'loading stale fast', [0, 0, 0], 'connection', 'Change the selected database for the current connection', select, { complexity: 'O(1)' }),
  command('hello', -1, CONN_FLAGS, [0, 0, 0], 'connection', 'Handshake with Redis', hello, { since: '6.0.0', complexity: 'O(1)' }),
  command('auth', -2, CONN_FLAGS, [0, 0, 0], 'connection', 'Authenticate to the server', auth, { complexity: 'O(N) where N is the number of passwords defined for the user' }),
  command('reset', 1, CONN_FLAGS, [0, 0, 0], 'connection', 'Reset the connection', reset, { since: '6.2.0', complexity: 'O(1)' }),
];

/** The version Respite reports wherever Redis reports its own (HELLO, INFO, LOLWUT…): the Redis it mimics. */
export const REDIS_VERSION = '7.0.15';

function ping(c: Client, argv: string[]): void {
  if (argv.length > 2) return c.out.error("ERR wrong number of arguments for 'ping' command");
  // A RESP2 subscriber gets a 'pong' push-style array, as Redis answers in that context.
  if (c.out.protocol === 2 && c.subscriptionCount !== 0) {
    c.out.array(2);
    c.out.bulk('pong');
    c.out.bulk(argv.length === 2 ? argv[1] : '');
    return;
  }
  if (argv.length === 2) c.out.bulk(argv[1]);
  else c.out.raw(PONG);
}

function echo(c: Client, argv: string[]): void {
  c.out.bulk(argv[1]);
}

function quit(c: Client): void {
  c.out.ok();
  c.closing = true;
}

function select(c: Client, argv: string[]): void {
  const idx = parseInteger(argv[1]);
  if (idx === null) return c.out.error(NOT_INTEGER);
  if (idx < 0 || idx >= c.server.dbs.length) return c.out.error(DB_INDEX);
  c.db = c.server.dbs[idx];
  c.out.ok();
}

/**
 * Checks a user/password pair against the `default` user (Redis 7.0 without ACL files): true and
 * the client is authenticated on success; a failure leaves the client's state as it was.
 */
export function authenticate(c: Client, user: string, pass: string): boolean {
  const required = c.server.config.requirepass;
  if (user !== 'default') return false;
  if (required !== '' && pass !== required) return false;
  c.authenticated = true;
  return true;
}

function auth(c: Client, argv: string[]): void {
  if (argv.length > 3) return c.out.error(SYNTAX);
  if (argv.length === 2 && c.server.config.requirepass === '') {
    return c.out.error('ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?');
  }
  const ok = argv.length === 2 ? authenticate(c, 'default', argv[1]) : authenticate(c, argv[1], argv[2]);
  if (ok) c.out.ok();
  else c.out.error(WRONGPASS);
}

/** HELLO [protover [AUTH user pass] [SETNAME name]]: switches RESP version, answers the server map. */
function hello(c: Client, argv: string[]): void {
  let ver = 0;
  if (argv.length >= 2) {
    const v = parseInteger(argv[1]);
    if (v === null) return c.out.error('ERR Protocol version is not an integer or out of range');
    if (v < 2 || v > 3) return c.out.error('NOPROTO unsupported protocol version');
    ver = v;
  }
  let user: string | null = null;
  let pass = '';
  let name: string | null = null;
  for (let j = 2; j < argv.length; j++) {
    const more = argv.length - 1 - j;
    const opt = argv[j];
    if (isOpt(opt, 'auth') && more >= 2) {
      user = argv[j + 1];
      pass = argv[j + 2];
      j += 2;
    } else if (isOpt(opt, 'setname') && more >= 1) {
      name = argv[j + 1];
      j++;
    } else {
      return c.out.error(`ERR Syntax error in HELLO option '${opt}'`);
    }
  }
  if (user !== null && !authenticate(c, user, pass)) return c.out.error(WRONGPASS);
  if (!c.authenticated) {
    return c.out.error('NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time');
  }
  if (name !== null) {
    if (!validClientName(name)) return c.out.error(BAD_CLIENT_NAME);
    c.name = name;
  }
  if (ver !== 0) c.out.protocol = ver as 2 | 3;
  const o = c.out;
  o.map(7);
  o.bulk('server');
  o.bulk('redis');
  o.bulk('version');
  o.bulk(REDIS_VERSION);
  o.bulk('proto');
  o.int(o.protocol);
  o.bulk('id');
  o.int(c.id);
  o.bulk('mode');
  o.bulk('standalone');
  o.bulk('role');
  o.bulk('master');
  o.bulk('modules');
  o.array(0);
}

/**
 * RESET: back to a fresh connection's state (Redis's clearClientConnectionState): out of MULTI and
 * WATCH, every subscription dropped, DB 0, RESP2, replies on, name cleared, and unauthenticated
 * again when a password is required. CLIENT NO-EVICT survives, as in Redis 7.0; NO-TOUCH (7.2) ends.
 */
function reset(c: Client): void {
  discardTransaction(c);
  c.server.hub.removeClient(c);
  c.db = c.server.dbs[0];
  c.out.protocol = 2;
  c.authenticated = c.server.config.requirepass === '';
  c.name = '';
  c.noTouch = false;
  // An active SKIP still swallows this reply (dispatch restores 'on' after it); OFF ends here.
  if (c.replyMode === 'off') c.replyMode = 'on';
  c.out.simple('RESET');
}
