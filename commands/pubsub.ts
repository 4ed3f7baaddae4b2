/**
 * Pub/sub commands: SUBSCRIBE, UNSUBSCRIBE, PSUBSCRIBE, PUNSUBSCRIBE, PUBLISH, the shard forms
 * SSUBSCRIBE / SUNSUBSCRIBE / SPUBLISH, and the PUBSUB introspection container. Subscription state
 * and fan-out live in src/pubsub.ts; these handlers write the confirmations, one per channel, with
 * the running count (channels + patterns, or shard channels for the shard forms), as Redis 7.0.
 */
import { command, CommandSpec } from '../src/command';
import type { Client } from '../src/connection';
import { unknownSubcommand } from '../src/errors';
import { globMatch } from '../src/glob';

const PS = 'pubsub noscript loading stale';

export const commands: CommandSpec[] = [
  command('subscribe', -2, PS, [0, 0, 0], 'pubsub', 'Listen for messages published to the given channels', subscribe, {
    since: '2.0.0', complexity: 'O(N) where N is the number of channels to subscribe to.',
  }),
  command('unsubscribe', -1, PS, [0, 0, 0], 'pubsub', 'Stop listening for messages posted to the given channels', unsubscribe, {
    since: '2.0.0', complexity: 'O(N) where N is the number of clients already subscribed to a channel.',
  }),
  command('psubscribe', -2, PS, [0, 0, 0], 'pubsub', 'Listen for messages published to channels matching the given patterns', psubscribe, {
    since: '2.0.0', complexity: 'O(N) where N is the number of patterns the client is already subscribed to.',
  }),
  command('punsubscribe', -1, PS, [0, 0, 0], 'pubsub', 'Stop listening for messages posted to channels matching the given patterns', punsubscribe, {
    since: '2.0.0',
    complexity: 'O(N+M) where N is the number of patterns the client is already subscribed and M is the number of total patterns subscribed in the system (by any client).',
  }),
  command('publish', 3, 'pubsub loading stale fast', [0, 0, 0], 'pubsub', 'Post a message to a channel', publish, {
    since: '2.0.0',
    complexity: 'O(N+M) where N is the number of clients subscribed to the receiving channel and M is the total number of subscribed patterns (by any client).',
  }),
  // Shard channels sit where keys would (Redis marks them not_key): COMMAND INFO shows 1 -1 1.
  command('ssubscribe', -2, PS, [1, -1, 1], 'pubsub', 'Listen for messages published to the given shard channels', ssubscribe, {
    since: '7.0.0', complexity: 'O(N) where N is the number of shard channels to subscribe to.',
  }),
  command('sunsubscribe', -1, PS, [1, -1, 1], 'pubsub', 'Stop listening for messages posted to the given shard channels', sunsubscribe, {
    since: '7.0.0', complexity: 'O(N) where N is the number of clients already subscribed to a shard channel.',
  }),
  command('spublish', 3, 'pubsub loading stale fast', [1, 1, 1], 'pubsub', 'Post a message to a shard channel', spublish, {
    since: '7.0.0', complexity: 'O(N) where N is the number of clients subscribed to the receiving shard channel.',
  }),
  command('pubsub', -2, '', [0, 0, 0], 'pubsub', 'A container for Pub/Sub commands', pubsubContainer, {
    since: '2.8.0',
    complexity: 'Depends on subcommand.',
    subcommands: [
      command('pubsub|channels', -2, 'pubsub loading stale', [0, 0, 0], 'pubsub', 'List active channels', channels, {
        since: '2.8.0',
        complexity: 'O(N) where N is the number of active channels, and assuming constant time pattern matching (relatively short channels and patterns)',
      }),
      command('pubsub|numsub', -2, 'pubsub loading stale', [0, 0, 0], 'pubsub', 'Get the count of subscribers for channels', numsub, {
        since: '2.8.0', complexity: 'O(N) for the NUMSUB subcommand, where N is the number of requested channels',
      }),
      command('pubsub|numpat', 2, 'pubsub loading stale', [0, 0, 0], 'pubsub', 'Get the count of unique patterns pattern subscriptions', numpat, {
        since: '2.8.0', complexity: 'O(1)',
      }),
      command('pubsub|shardchannels', -2, 'pubsub loading stale', [0, 0, 0], 'pubsub', 'List active shard channels', shardchannels, {
        since: '7.0.0',
        complexity: 'O(N) where N is the number of active shard channels, and assuming constant time pattern matching (relatively short shard channels).',
      }),
      command('pubsub|shardnumsub', -2, 'pubsub loading stale', [0, 0, 0], 'pubsub', 'Get the count of subscribers for shard channels', shardnumsub, {
        since: '7.0.0', complexity: 'O(N) for the SHARDNUMSUB subcommand, where N is the number of requested shard channels',
      }),
      command('pubsub|help', 2, 'loading stale', [0, 0, 0], 'pubsub', 'Show helpful text about the different subcommands', help, {
        since: '6.2.0', complexity: 'O(1)',
      }),
    ],
  }),
];

/** Channels + patterns: the count SUBSCRIBE / PSUBSCRIBE and their inverses report. */
function globalCount(c: Client): number {
  return (c.channels?.size ?? 0) + (c.patterns?.size ?? 0);
}

function shardCount(c: Client): number {
  return c.shardChannels?.size ?? 0;
}

/** One confirmation frame: [kind, name or nil, count], a push in RESP3. */
function confirm(c: Client, kind: string, name: string | null, count: number): void {
  c.out.push(3);
  c.out.bulk(kind);
  if (name === null) c.out.nullBulk();
  else c.out.bulk(name);
  c.out.int(count);
}

function subscribe(c: Client, argv: string[]): void {
  const hub = c.server.hub;
  for (let i = 1; i < argv.length; i++) {
    hub.subscribe(c, argv[i]);
    confirm(c, 'subscribe', argv[i], globalCount(c));
  }
}

function unsubscribe(c: Client, argv: string[]): void {
  const hub = c.server.hub;
  if (argv.length === 1) {
    // With nothing subscribed Redis still answers once, with a nil channel (clients wait for it).
    if (c.channels === null || c.channels.size === 0) return confirm(c, 'unsubscribe', null, globalCount(c));
    for (const ch of [...c.channels]) {
      hub.unsubscribe(c, ch);
      confirm(c, 'unsubscribe', ch, globalCount(c));
    }
    return;
  }
  for (let i = 1; i < argv.length; i++) {
    hub.unsubscribe(c, argv[i]);
    confirm(c, 'unsubscribe', argv[i], globalCount(c));
  }
}

function psubscribe(c: Client, argv: string[]): void {
  const hub = c.server.hub;
  for (let i = 1; i < argv.length; i++) {
    hub.psubscribe(c, argv[i]);
    confirm(c, 'psubscribe', argv[i], globalCount(c));
  }
}

function punsubscribe(c: Client, argv: string[]): void {
  const hub = c.server.hub;
  if (argv.length === 1) {
    if (c.patterns === null || c.patterns.size === 0) return confirm(c, 'punsubscribe', null, globalCount(c));
    for (const p of [...c.patterns]) {
      hub.punsubscribe(c, p);
      confirm(c, 'punsubscribe', p, globalCount(c));
    }
    return;
  }
  for (let i = 1; i < argv.length; i++) {
    hub.punsubscribe(c, argv[i]);
    confirm(c, 'punsubscribe', argv[i], globalCount(c));
  }
}

function publish(c: Client, argv: string[]): void {
  c.out.int(c.server.hub.publish(argv[1], argv[2]));
}

function ssubscribe(c: Client, argv: string[]): void {
  // Redis 7.0 treats a client running EXEC as DENY_BLOCKING, and only (P)SUBSCRIBE are exempted.
  if (c.server.inExec === c) return c.out.error("ERR SSUBSCRIBE isn't allowed for a DENY BLOCKING client");
  const hub = c.server.hub;
  for (let i = 1; i < argv.length; i++) {
    hub.ssubscribe(c, argv[i]);
    confirm(c, 'ssubscribe', argv[i], shardCount(c));
  }
}

function sunsubscribe(c: Client, argv: string[]): void {
  const hub = c.server.hub;
  if (argv.length === 1) {
    if (c.shardChannels === null || c.shardChannels.size === 0) return confirm(c, 'sunsubscribe', null, 0);
    for (const ch of [...c.shardChannels]) {
      hub.sunsubscribe(c, ch);
      confirm(c, 'sunsubscribe', ch, shardCount(c));
    }
    return;
  }
  for (let i = 1; i < argv.length; i++) {
    hub.sunsubscribe(c, argv[i]);
    confirm(c, 'sunsubscribe', argv[i], shardCount(c));
  }
}

function spublish(c: Client, argv: string[]): void {
  c.out.int(c.server.hub.spublish(argv[1], argv[2]));
}

/** Only reached without a subcommand, which the arity check already refuses. */
function pubsubContainer(c: Client, argv: string[]): void {
  c.out.error(unknownSubcommand(argv[1] ?? '', 'pubsub'));
}

/** Redis's addReplySubcommandSyntaxError, for a known subcommand with the wrong number of arguments. */
function syntaxError(c: Client, argv: string[]): void {
  c.out.error(`ERR unknown subcommand or wrong number of arguments for '${argv[1].slice(0, 128)}'. Try PUBSUB HELP.`);
}

/** Names in an index, filtered by an optional glob (no pattern lists every name, even ""). */
function listNames(c: Client, argv: string[], index: Map<string, Set<Client>>): void {
  if (argv.length > 3) return syntaxError(c, argv);
  const pat = argv.length === 3 ? argv[2] : null;
  const names: string[] = [];
  for (const name of index.keys()) if (pat === null || globMatch(pat, name)) names.push(name);
  c.out.bulkArray(names);
}

/** [name, subscriber count] pairs as a flat array (an array in RESP3 too, as Redis 7.0). */
function countSubs(c: Client, argv: string[], index: Map<string, Set<Client>>): void {
  c.out.array((argv.length - 2) * 2);
  for (let i = 2; i < argv.length; i++) {
    c.out.bulk(argv[i]);
    c.out.int(index.get(argv[i])?.size ?? 0);
  }
}

function channels(c: Client, argv: string[]): void {
  listNames(c, argv, c.server.hub.channels);
}

function numsub(c: Client, argv: string[]): void {
  countSubs(c, argv, c.server.hub.channels);
}

function numpat(c: Client): void {
  c.out.int(c.server.hub.patterns.size);
}

function shardchannels(c: Client, argv: string[]): void {
  listNames(c, argv, c.server.hub.shardChannels);
}

function shardnumsub(c: Client, argv: string[]): void {
  countSubs(c, argv, c.server.hub.shardChannels);
}

const HELP = [
  'PUBSUB <subcommand> [<arg> [value] [opt] ...]. Subcommands are:',
  'CHANNELS [<pattern>]',
  "    Return the currently active channels matching a <pattern> (default: '*').",
  'NUMPAT',
  '    Return number of subscriptions to patterns.',
  'NUMSUB [<channel> ...]',
  '    Return the number of subscribers for the specified channels, excluding',
  '    pattern subscriptions(default: no channels).',
  'SHARDCHANNELS [<pattern>]',
  "    Return the currently active shard level channels matching a <pattern> (default: '*').",
  'SHARDNUMSUB [<shardchannel> ...]',
  '    Return the number of subscribers for the specified shard level channel(s)',
  'HELP',
  '    Prints this help.',
];

function help(c: Client): void {
  c.out.array(HELP.length);
  for (const line of HELP) c.out.simple(line);
}
