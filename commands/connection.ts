/**
 * Connection commands: PING, ECHO, QUIT, SELECT (HELLO, AUTH, RESET, CLIENT … join them here).
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { DB_INDEX } from '../src/errors';
import { PONG } from '../src/protocol/reply';
import { parseInteger } from './args';

export const commands: CommandSpec[] = [
  command('ping', -1, 'fast sentinel', [0, 0, 0], 'connection', 'Returns the server\'s liveliness response.', ping),
  command('echo', 2, 'fast', [0, 0, 0], 'connection', 'Returns the given string.', echo),
  command('quit', -1, 'allow_busy noscript loading stale fast no_auth', [0, 0, 0], 'connection', 'Closes the connection.', quit),
  command('select', 2, 'loading stale fast', [0, 0, 0], 'connection', 'Changes the selected database.', select),
];

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
  if (idx === null) return c.out.error('ERR value is not an integer or out of range');
  if (idx < 0 || idx >= c.server.dbs.length) return c.out.error(DB_INDEX);
  c.db = c.server.dbs[idx];
  c.out.ok();
}
