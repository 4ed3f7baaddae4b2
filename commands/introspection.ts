/**
 * COMMAND and its subcommands (COUNT, INFO, DOCS, LIST, GETKEYS, GETKEYSANDFLAGS, HELP), derived
 * from the one command table. Redis 7.0's reply shapes: COMMAND INFO entries are
 * [name, arity, flags, first, last, step, acl categories, tips, key specs, subcommands].
 *
 * What the table does not carry is derived or left out: ACL categories come from the flags and the
 * group as Redis's setImplicitACLCategories does, plus the explicit categories Redis's command
 * files add (listed below); key specs come from first/last/step, with access flags guessed from
 * write/readonly; tips come from a table of Redis's; DOCS arguments, history and doc flags come from
 * Redis 7.0.15's own docs (commands/docs-data.ts), which redis-cli needs for its hints.
 */
import { command, CommandSpec, keyPositions } from '../src/command';
import type { Client } from '../src/connection';
import { SYNTAX } from '../src/errors';
import { globMatch } from '../src/glob';
import { isOpt } from './args';
import { writeHelp } from './client';
import { DOC_EXTRAS, DocArg } from './docs-data';

export const commands: CommandSpec[] = [
  command('command', -1, 'loading stale', [0, 0, 0], 'server', 'Get array of Redis command details', commandAll, {
    since: '2.8.13',
    complexity: 'O(N) where N is the total number of Redis commands',
    subcommands: [
      command('command|count', 2, 'loading stale', [0, 0, 0], 'server', 'Get total number of Redis commands', commandCount, { since: '2.8.13', complexity: 'O(1)' }),
      command('command|info', -2, 'loading stale', [0, 0, 0], 'server', 'Get array of specific Redis command details, or all when no argument is given.', commandInfo, { since: '2.8.13', complexity: 'O(N) where N is the number of commands to look up' }),
      command('command|docs', -2, 'loading stale', [0, 0, 0], 'server', 'Get array of specific Redis command documentation', commandDocs, { since: '7.0.0', complexity: 'O(N) where N is the number of commands to look up' }),
      command('command|list', -2, 'loading stale', [0, 0, 0], 'server', 'Get an array of Redis command names', commandList, { since: '7.0.0', complexity: 'O(N) where N is the total number of Redis commands' }),
      command('command|getkeys', -4, 'loading stale', [0, 0, 0], 'server', 'Extract keys given a full Redis command', getKeys, { since: '2.8.13', complexity: 'O(N) where N is the number of arguments to the command' }),
      command('command|getkeysandflags', -4, 'loading stale', [0, 0, 0], 'server', 'Extract keys and access flags given a full Redis command', getKeysAndFlags, { since: '7.0.0', complexity: 'O(N) where N is the number of arguments to the command' }),
      command('command|help', 2, 'loading stale', [0, 0, 0], 'server', 'Show helpful text about the different subcommands', commandHelp, { since: '5.0.0', complexity: 'O(1)' }),
    ],
  }),
];

/** COMMAND INFO flag order (Redis's addReplyCommandFlags); flags not listed are not reported. */
const FLAG_ORDER = [
  'write', 'readonly', 'denyoom', 'module', 'admin', 'pubsub', 'noscript', 'blocking', 'loading', 'stale',
  'skip_monitor', 'skip_slowlog', 'asking', 'fast', 'no_auth', 'no_mandatory_keys', 'no_async_loading', 'no_multi',
  'movablekeys', 'allow_busy',
];

/** ACL category order (Redis's ACLCommandCategories). */
const CATEGORY_ORDER = [
  'keyspace', 'read', 'write', 'set', 'sortedset', 'list', 'hash', 'string', 'bitmap', 'hyperloglog', 'geo',
  'stream', 'pubsub', 'admin', 'fast', 'slow', 'blocking', 'dangerous', 'connection', 'transaction', 'scripting',
];

/** The category a command's group implies (Redis's command files name it explicitly). */
const GROUP_CATEGORY: Record<string, string> = {
  string: 'string', list: 'list', set: 'set', sorted_set: 'sortedset', 'sorted-set': 'sortedset', hash: 'hash',
  bitmap: 'bitmap', hyperloglog: 'hyperloglog', geo: 'geo', stream: 'stream', generic: 'keyspace', pubsub: 'pubsub',
  connection: 'connection', transactions: 'transaction', scripting: 'scripting',
};

/** Explicit categories Redis adds beyond the group's (from its command JSON files). */
const EXTRA_CATEGORIES: Record<string, string[]> = {
  lastsave: ['admin', 'dangerous'], role: ['admin', 'dangerous'], info: ['dangerous'], keys: ['dangerous'],
  dbsize: ['keyspace'], flushall: ['keyspace', 'dangerous'], flushdb: ['keyspace', 'dangerous'], swapdb: ['keyspace', 'dangerous'],
  restore: ['dangerous'], 'restore-asking': ['keyspace', 'dangerous'], migrate: ['dangerous'],
  sort: ['set', 'sortedset', 'list', 'dangerous'], sort_ro: ['set', 'sortedset', 'list', 'dangerous'],
  wait: ['connection'], asking: ['connection'], readonly: ['connection'], readwrite: ['connection'], command: ['connection'],
};

/** Commands whose group category Redis does not give them. */
const NO_GROUP_CATEGORY = new Set(['wait', 'sort', 'sort_ro', 'pubsub|help']);

/** Command tips (COMMAND INFO's 8th field) as Redis 7.0's command files give them: tips → commands. */
const TIPS_BY_GROUP: Array<[string, string]> = [
  ['nondeterministic_output', 'client|info client|list dump hrandfield hscan lastsave migrate object|encoding object|freq object|idletime object|refcount pttl spop srandmember sscan time ttl xadd xautoclaim xclaim xinfo|consumers xpending xtrim zrandmember zscan'],
  ['request_policy:multi_shard response_policy:all_succeeded', 'mset'],
  ['nondeterministic_output_order', 'command command|docs command|info command|list function|list hgetall hkeys hvals module|list sdiff sinter smembers sunion'],
  ['request_policy:all_shards response_policy:agg_min', 'wait'],
  ['request_policy:all_shards nondeterministic_output', 'randomkey'],
  ['request_policy:all_shards response_policy:agg_sum', 'dbsize'],
  ['request_policy:all_shards response_policy:all_succeeded', 'flushall flushdb function|delete function|flush function|load function|restore memory|purge ping'],
  ['nondeterministic_output request_policy:all_shards response_policy:special', 'function|stats info memory|doctor memory|malloc-stats memory|stats'],
  ['request_policy:multi_shard response_policy:agg_min', 'msetnx'],
  ['request_policy:all_shards nondeterministic_output_order', 'keys'],
  ['request_policy:multi_shard', 'mget'],
  ['request_policy:multi_shard response_policy:agg_sum', 'del exists touch unlink'],
  ['request_policy:all_shards response_policy:one_succeeded', 'function|kill script|kill'],
  ['request_policy:all_nodes response_policy:all_succeeded', 'config|set latency|reset script|flush script|load slowlog|reset'],
  ['nondeterministic_output request_policy:special', 'scan'],
  ['request_policy:all_nodes response_policy:agg_sum nondeterministic_output', 'slowlog|len'],
  ['request_policy:all_nodes nondeterministic_output', 'slowlog|get'],
  ['request_policy:all_shards response_policy:agg_logical_and', 'script|exists'],
  ['nondeterministic_output request_policy:all_nodes response_policy:special', 'latency|doctor latency|graph latency|histogram latency|history latency|latest'],
];

const TIPS = new Map<string, string[]>();
for (const [tips, names] of TIPS_BY_GROUP) for (const n of names.split(' ')) TIPS.set(n, tips.split(' '));

/** The top-level name of an entry ('config' for 'config|get'). */
function parentName(spec: CommandSpec): string {
  const bar = spec.name.indexOf('|');
  return bar === -1 ? spec.name : spec.name.slice(0, bar);
}

/** ACL categories of a command, as Redis derives them. */
export function aclCategories(spec: CommandSpec): string[] {
  const cats = new Set<string>();
  const f = spec.flags;
  // Containers carry no group category (COMMAND's own is listed explicitly).
  const groupCat = GROUP_CATEGORY[spec.group];
  if (groupCat !== undefined && spec.subcommands === undefined && !NO_GROUP_CATEGORY.has(spec.name)) cats.add(groupCat);
  for (const c of EXTRA_CATEGORIES[spec.name] ?? (spec.name.includes('|') ? EXTRA_CATEGORIES[parentName(spec)] ?? [] : [])) cats.add(c);
  if (f.includes('write')) cats.add('write');
  if (f.includes('readonly') && !cats.has('scripting')) cats.add('read');
  if (f.includes('admin')) {
    cats.add('admin');
    cats.add('dangerous');
  }
  if (f.includes('pubsub')) cats.add('pubsub');
  if (f.includes('fast')) cats.add('fast');
  if (f.includes('blocking')) cats.add('blocking');
  if (!cats.has('fast')) cats.add('slow');
  return CATEGORY_ORDER.filter((c) => cats.has(c)).map((c) => '@' + c);
}

/** Flags in Redis's reporting order. */
function orderedFlags(spec: CommandSpec): string[] {
  return FLAG_ORDER.filter((f) => spec.flags.includes(f));
}

/** Key-spec access flags guessed from the command flags. */
function keySpecFlags(spec: CommandSpec): string[] {
  if (spec.flags.includes('pubsub')) return ['not_key'];
  if (spec.flags.includes('write')) return ['RW', 'update'];
  return ['RO', 'access'];
}

function writeStringSet(c: Client, items: string[]): void {
  c.out.set(items.length);
  for (const s of items) c.out.simple(s);
}

/** One key spec from first/last/step (Redis's legacy range spec). */
function writeKeySpecs(c: Client, spec: CommandSpec): void {
  if (spec.firstKey <= 0) {
    c.out.set(0);
    return;
  }
  const o = c.out;
  o.set(1);
  o.map(3);
  o.bulk('flags');
  writeStringSet(c, keySpecFlags(spec));
  o.bulk('begin_search');
  o.map(2);
  o.bulk('type');
  o.bulk('index');
  o.bulk('spec');
  o.map(1);
  o.bulk('index');
  o.int(spec.firstKey);
  o.bulk('find_keys');
  o.map(2);
  o.bulk('type');
  o.bulk('range');
  o.bulk('spec');
  o.map(3);
  o.bulk('lastkey');
  o.int(spec.lastKey < 0 ? spec.lastKey : spec.lastKey - spec.firstKey);
  o.bulk('keystep');
  o.int(spec.step);
  o.bulk('limit');
  o.int(0);
}

/** One COMMAND INFO entry with its subcommands. */
function writeInfo(c: Client, spec: CommandSpec): void {
  const o = c.out;
  o.array(10);
  o.bulk(spec.name);
  o.int(spec.arity);
  writeStringSet(c, orderedFlags(spec));
  o.int(spec.firstKey);
  o.int(spec.lastKey);
  o.int(spec.step);
  writeStringSet(c, aclCategories(spec));
  const tips = TIPS.get(spec.name) ?? [];
  o.set(tips.length);
  for (const t of tips) o.bulk(t);
  writeKeySpecs(c, spec);
  const subs = spec.subcommands ?? [];
  o.set(subs.length);
  for (const s of subs) writeInfo(c, s);
}

/** Resolves 'name' or 'container|sub' as COMMAND INFO / DOCS do. */
function lookupFull(c: Client, name: string): CommandSpec | undefined {
  const bar = name.indexOf('|');
  if (bar === -1) return c.server.table.lookup(name);
  const parent = c.server.table.lookup(name.slice(0, bar));
  if (parent === undefined || parent.subcommands === undefined) return undefined;
  return c.server.table.lookupSub(parent, name.slice(bar + 1));
}

function commandAll(c: Client): void {
  const all = c.server.table.all;
  c.out.array(all.length);
  for (const spec of all) writeInfo(c, spec);
}

function commandCount(c: Client): void {
  c.out.int(c.server.table.all.length);
}

/** COMMAND INFO [name ...]: nil for unknown names; everything without names. */
function commandInfo(c: Client, argv: string[]): void {
  if (argv.length === 2) return commandAll(c);
  c.out.array(argv.length - 2);
  for (let i = 2; i < argv.length; i++) {
    const spec = lookupFull(c, argv[i]);
    if (spec === undefined) c.out.nullBulk();
    else writeInfo(c, spec);
  }
}

/** One argument map of COMMAND DOCS (fields in Redis's order; flags as a set of status strings). */
function writeDocArg(c: Client, a: DocArg): void {
  const o = c.out;
  const keys = Object.keys(a) as Array<keyof DocArg>;
  o.map(keys.length);
  for (const k of keys) {
    o.bulk(k);
    const v = a[k];
    if (k === 'key_spec_index') o.int(v as number);
    else if (k === 'flags') writeStringSet(c, v as string[]);
    else if (k === 'arguments') {
      const args = v as DocArg[];
      o.array(args.length);
      for (const x of args) writeDocArg(c, x);
    } else o.bulk(String(v));
  }
}

/**
 * One COMMAND DOCS value: summary, since, group and complexity from the table, then the doc flags,
 * deprecation, history and arguments Redis 7.0.15 reports for that command, then subcommands.
 */
function writeDocs(c: Client, spec: CommandSpec): void {
  const o = c.out;
  const subs = spec.subcommands ?? [];
  const extra = DOC_EXTRAS[spec.name] ?? {};
  const fields = 3 + (spec.complexity !== undefined ? 1 : 0) + Object.keys(extra).length + (subs.length > 0 ? 1 : 0);
  o.map(fields);
  o.bulk('summary');
  o.bulk(spec.summary);
  o.bulk('since');
  o.bulk(spec.since);
  o.bulk('group');
  o.bulk(spec.group.replace(/_/g, '-'));
  if (spec.complexity !== undefined) {
    o.bulk('complexity');
    o.bulk(spec.complexity);
  }
  if (extra.doc_flags !== undefined) {
    o.bulk('doc_flags');
    writeStringSet(c, extra.doc_flags);
  }
  if (extra.deprecated_since !== undefined) {
    o.bulk('deprecated_since');
    o.bulk(extra.deprecated_since);
  }
  if (extra.replaced_by !== undefined) {
    o.bulk('replaced_by');
    o.bulk(extra.replaced_by);
  }
  if (extra.history !== undefined) {
    o.bulk('history');
    o.set(extra.history.length);
    for (const [version, what] of extra.history) o.bulkArray([version, what]);
  }
  if (extra.arguments !== undefined) {
    o.bulk('arguments');
    o.array(extra.arguments.length);
    for (const a of extra.arguments) writeDocArg(c, a);
  }
  if (subs.length > 0) {
    o.bulk('subcommands');
    o.map(subs.length);
    for (const s of subs) {
      o.bulk(s.name);
      writeDocs(c, s);
    }
  }
}

/** COMMAND DOCS [name ...]: a map of name → docs; unknown names are left out. */
function commandDocs(c: Client, argv: string[]): void {
  const specs: CommandSpec[] = [];
  if (argv.length === 2) specs.push(...c.server.table.all);
  else {
    for (let i = 2; i < argv.length; i++) {
      const spec = lookupFull(c, argv[i]);
      if (spec !== undefined) specs.push(spec);
    }
  }
  c.out.map(specs.length);
  for (const spec of specs) {
    c.out.bulk(spec.name);
    writeDocs(c, spec);
  }
}

/** Every command and subcommand, depth first. */
function flatten(all: readonly CommandSpec[]): CommandSpec[] {
  const out: CommandSpec[] = [];
  for (const s of all) {
    out.push(s);
    if (s.subcommands) out.push(...s.subcommands);
  }
  return out;
}

/** COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]. */
function commandList(c: Client, argv: string[]): void {
  let keep: (s: CommandSpec) => boolean = () => true;
  if (argv.length === 5 && isOpt(argv[2], 'filterby')) {
    const what = argv[3];
    const arg = argv[4];
    if (isOpt(what, 'module')) keep = () => false;
    else if (isOpt(what, 'aclcat')) {
      const cat = '@' + arg.toLowerCase();
      keep = (s) => aclCategories(s).includes(cat);
    } else if (isOpt(what, 'pattern')) keep = (s) => globMatch(arg, s.name, true);
    else return c.out.error(SYNTAX);
  } else if (argv.length !== 2) {
    return c.out.error(SYNTAX);
  }
  const names = flatten(c.server.table.all).filter(keep).map((s) => s.name);
  c.out.bulkArray(names);
}

/** The command a GETKEYS call describes and its key positions (relative to argv[2]), or an error text. */
function keysOf(c: Client, argv: string[]): { spec: CommandSpec; positions: number[] } | string {
  const cmd = argv.slice(2);
  let spec = c.server.table.lookup(cmd[0]);
  if (spec !== undefined && spec.subcommands !== undefined && cmd.length >= 2) spec = c.server.table.lookupSub(spec, cmd[1]);
  if (spec === undefined) return 'ERR Invalid command specified';
  if (spec.firstKey <= 0 && spec.getKeys === undefined) return 'ERR The command has no key arguments';
  if ((spec.arity > 0 && spec.arity !== cmd.length) || cmd.length < -spec.arity) return 'ERR Invalid number of arguments specified for command';
  let positions: number[];
  try {
    positions = keyPositions(spec, cmd);
  } catch {
    positions = [];
  }
  if (positions.length === 0 && !spec.flags.includes('no_mandatory_keys')) return 'ERR Invalid arguments specified for command';
  return { spec, positions };
}

function getKeys(c: Client, argv: string[]): void {
  const r = keysOf(c, argv);
  if (typeof r === 'string') return c.out.error(r);
  c.out.array(r.positions.length);
  for (const p of r.positions) c.out.bulk(argv[p + 2]);
}

/** GETKEYSANDFLAGS: each key with the access flags guessed for its command. */
function getKeysAndFlags(c: Client, argv: string[]): void {
  const r = keysOf(c, argv);
  if (typeof r === 'string') return c.out.error(r);
  const flags = keySpecFlags(r.spec);
  c.out.array(r.positions.length);
  for (const p of r.positions) {
    c.out.array(2);
    c.out.bulk(argv[p + 2]);
    writeStringSet(c, flags);
  }
}

const HELP = [
  'COMMAND <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  '(no subcommand)',
  '    Return details about all Redis commands.',
  'COUNT',
  '    Return the total number of commands in this Redis server.',
  'LIST',
  '    Return a list of all commands in this Redis server.',
  'INFO [<command-name> ...]',
  '    Return details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'DOCS [<command-name> ...]',
  '    Return documentation details about multiple Redis commands.',
  '    If no command names are given, documentation details for all',
  '    commands are returned.',
  'GETKEYS <full-command>',
  '    Return the keys from a full Redis command.',
  'GETKEYSANDFLAGS <full-command>',
  '    Return the keys and the access flags from a full Redis command.',
  'HELP',
  '    Prints this help.',
];

function commandHelp(c: Client): void {
  writeHelp(c, HELP);
}
