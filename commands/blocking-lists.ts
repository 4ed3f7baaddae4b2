/**
 * Blocking list commands: BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP. Each tries its non-blocking
 * form first; finding nothing it blocks through src/blocking.ts, which re-runs the same handler
 * when a key becomes ready (the handler then pops only from that key: servingKey). Inside
 * MULTI/EXEC block() refuses and the handler answers like its non-blocking form. Redis 7.0 answers
 * a timeout with a null array for all five, BLMOVE and BRPOPLPUSH included.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { parseTimeout } from '../src/blocking';
import { LEFT, RIGHT, End, endArg, getList, moveElement, numkeysPositions, parseMpop, popOneWithKey, popRangeWithKey } from './lists';

const BLPOP = command('blpop', -3, 'write noscript blocking', [1, -2, 1], 'list', 'Remove and get the first element in a list, or block until one is available', blpop, { since: '2.0.0', complexity: 'O(N) where N is the number of provided keys.' });
const BRPOP = command('brpop', -3, 'write noscript blocking', [1, -2, 1], 'list', 'Remove and get the last element in a list, or block until one is available', brpop, { since: '2.0.0', complexity: 'O(N) where N is the number of provided keys.' });
const BLMOVE = command('blmove', 6, 'write denyoom noscript blocking', [1, 2, 1], 'list', 'Pop an element from a list, push it to another list and return it; or block until one is available', blmove, { since: '6.2.0', complexity: 'O(1)' });
const BRPOPLPUSH = command('brpoplpush', 4, 'write denyoom noscript blocking', [1, 2, 1], 'list', 'Pop an element from a list, push it to another list and return it; or block until one is available', brpoplpush, { since: '2.2.0', complexity: 'O(1)' });
const BLMPOP = command('blmpop', -5, 'write blocking movablekeys', [0, 0, 0], 'list', 'Pop elements from a list, or block until one is available', blmpop, { since: '7.0.0', complexity: 'O(N+M) where N is the number of provided keys and M is the number of elements returned.', getKeys: (argv) => numkeysPositions(argv, 2) });

export const commands: CommandSpec[] = [BLPOP, BRPOP, BLMOVE, BRPOPLPUSH, BLMPOP];

/** The timeout reply of every list block (and of CLIENT UNBLOCK … TIMEOUT). */
function timedOut(c: Client): void {
  c.out.nullArray();
}

function blpop(c: Client, argv: string[]): void {
  blockingPop(c, argv, LEFT, BLPOP);
}

function brpop(c: Client, argv: string[]): void {
  blockingPop(c, argv, RIGHT, BRPOP);
}

/** BLPOP / BRPOP key [key …] timeout: [key, element] from the first non-empty list, or block. */
function blockingPop(c: Client, argv: string[], where: End, spec: CommandSpec): void {
  const last = argv.length - 1;
  const deadline = parseTimeout(argv[last], c.server.clock.now());
  const serving = c.server.blocking.servingKey(c);
  for (let i = 1; i < last; i++) {
    const key = argv[i];
    if (serving !== null && key !== serving) continue;
    const list = getList(c, key);
    if (list === undefined) continue;
    return popOneWithKey(c, key, list, where);
  }
  if (!c.server.blocking.block(c, spec, argv, argv.slice(1, last), deadline, timedOut)) c.out.nullArray();
}

/** BLMPOP timeout numkeys key [key …] LEFT|RIGHT [COUNT count]. */
function blmpop(c: Client, argv: string[]): void {
  const { numkeys, where, count } = parseMpop(argv, 2);
  const deadline = parseTimeout(argv[1], c.server.clock.now());
  const serving = c.server.blocking.servingKey(c);
  for (let j = 3; j < 3 + numkeys; j++) {
    const key = argv[j];
    if (serving !== null && key !== serving) continue;
    const list = getList(c, key);
    if (list === undefined) continue;
    return popRangeWithKey(c, key, list, where, count);
  }
  if (!c.server.blocking.block(c, BLMPOP, argv, argv.slice(3, 3 + numkeys), deadline, timedOut)) c.out.nullArray();
}

function blmove(c: Client, argv: string[]): void {
  const from = endArg(argv[3]);
  const to = endArg(argv[4]);
  const deadline = parseTimeout(argv[5], c.server.clock.now());
  blockingMove(c, argv, from, to, deadline, BLMOVE);
}

function brpoplpush(c: Client, argv: string[]): void {
  const deadline = parseTimeout(argv[3], c.server.clock.now());
  blockingMove(c, argv, RIGHT, LEFT, deadline, BRPOPLPUSH);
}

/**
 * BLMOVE / BRPOPLPUSH: moves at once when the source has elements (the destination's type is
 * checked then, and again when a blocked client is served), else blocks on the source only.
 */
function blockingMove(c: Client, argv: string[], from: End, to: End, deadline: number, spec: CommandSpec): void {
  const src = argv[1];
  const list = getList(c, src);
  if (list !== undefined) return moveElement(c, src, list, argv[2], from, to);
  if (!c.server.blocking.block(c, spec, argv, [src], deadline, timedOut)) c.out.nullBulk();
}
