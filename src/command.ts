/**
 * The shape of a command table entry. Every family module in commands/ exports an array of these;
 * commands/index.ts assembles them into the one table that drives arity errors, COMMAND, key
 * extraction and dispatch.
 */
import type { Client } from './connection';

/** Runs a command. Errors are written with c.out.error() or thrown as RedisError before any reply. */
export type Handler = (c: Client, argv: string[]) => void;

export interface CommandSpec {
  /** Lowercase name; subcommands are 'parent|sub'. */
  name: string;
  /** Redis arity: n > 0 exactly n words (name included), n < 0 at least -n. */
  arity: number;
  /** Redis's COMMAND flags: write, readonly, denyoom, admin, pubsub, noscript, blocking, loading, stale, fast, no_auth, no_multi, allow_busy, movablekeys… */
  flags: string[];
  firstKey: number;
  lastKey: number;
  step: number;
  /** COMMAND DOCS group: string, generic, list, set, sorted_set, hash, pubsub, transactions, connection, server… */
  group: string;
  /** One-line purpose (COMMAND DOCS summary). */
  summary: string;
  since: string;
  complexity?: string;
  handler: Handler;
  subcommands?: CommandSpec[];
  /** Key positions for commands whose keys move (movablekeys): ZUNIONSTORE, LMPOP, … */
  getKeys?: (argv: string[]) => number[];
}

export interface CommandOptions {
  since?: string;
  complexity?: string;
  getKeys?: (argv: string[]) => number[];
  subcommands?: CommandSpec[];
}

/**
 * Builds a table entry. `flags` is space-separated; `keys` is [first, last, step] ([0,0,0] for none).
 */
export function command(
  name: string,
  arity: number,
  flags: string,
  keys: [number, number, number],
  group: string,
  summary: string,
  handler: Handler,
  opts: CommandOptions = {},
): CommandSpec {
  const flagList = flags.split(' ').filter(Boolean);
  if (opts.getKeys && !flagList.includes('movablekeys')) flagList.push('movablekeys');
  return {
    name,
    arity,
    flags: flagList,
    firstKey: keys[0],
    lastKey: keys[1],
    step: keys[2],
    group,
    summary,
    since: opts.since ?? '1.0.0',
    complexity: opts.complexity,
    handler,
    subcommands: opts.subcommands,
    getKeys: opts.getKeys,
  };
}

/** The key positions of a call, from the entry's first/last/step or its getKeys. */
export function keyPositions(spec: CommandSpec, argv: string[]): number[] {
  if (spec.getKeys) return spec.getKeys(argv);
  if (spec.firstKey <= 0) return [];
  const last = spec.lastKey < 0 ? argv.length + spec.lastKey : spec.lastKey;
  const out: number[] = [];
  for (let i = spec.firstKey; i <= last && i < argv.length; i += spec.step) out.push(i);
  return out;
}
