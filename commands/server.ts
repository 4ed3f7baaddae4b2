/**
 * Server commands: FLUSHALL, FLUSHDB, DBSIZE (INFO, CONFIG, COMMAND, TIME, DEBUG … join them here).
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { SYNTAX } from '../src/errors';
import { isOpt } from './args';

export const commands: CommandSpec[] = [
  command('flushall', -1, 'write', [0, 0, 0], 'server', 'Removes all keys from all databases.', flushall),
  command('flushdb', -1, 'write', [0, 0, 0], 'server', 'Removes all keys from the current database.', flushdb),
  command('dbsize', 1, 'readonly fast', [0, 0, 0], 'server', 'Returns the number of keys in the database.', dbsize),
];

/** FLUSHALL / FLUSHDB take an optional ASYNC or SYNC; both flush at once here. */
function flushMode(argv: string[]): boolean {
  if (argv.length === 1) return true;
  if (argv.length === 2 && (isOpt(argv[1], 'async') || isOpt(argv[1], 'sync'))) return true;
  return false;
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
