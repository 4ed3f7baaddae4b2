/**
 * Server parameters: defaults, validation, CONFIG GET / SET, redis.conf files and CLI flags.
 * Values are kept as the canonical strings CONFIG GET reports (as Redis 7.0 formats them), with
 * parsed numbers cached for the parameters the server reads on hot paths. Parsing follows Redis's
 * config.c: string2ll for integers, memtoull for memory values, strtoll for `save` and the buffer
 * limits, and Redis's error texts for every rejection.
 */
import * as fs from 'fs';
import * as path from 'path';
import { notifyFlagsToString, parseNotifyFlags } from './notify';

type Kind =
  | { t: 'bool' }
  /** A numeric parameter: bounds as in Redis's table; `memory` accepts 1gb-style units; `unsigned` checks bounds as Redis does for unsigned C types. */
  | { t: 'num'; min: bigint; max: bigint; memory: boolean; unsigned: boolean }
  | { t: 'enum'; values: string[] }
  | { t: 'string' }
  /** Multi-word or specially parsed values (save, bind, client-output-buffer-limit…): returns the canonical string or throws ConfigError. */
  | { t: 'special'; parse: (v: string, current: string) => string };

export interface ParamSpec {
  name: string;
  kind: Kind;
  default: string;
  /** The other name Redis accepts (e.g. the ziplist spelling of a listpack knob). */
  aliases?: string[];
  /** Only settable at start-up: CONFIG SET answers "can't set immutable config". */
  immutable?: boolean;
  /** Redis's PROTECTED_CONFIG (dir, dbfilename): CONFIG SET needs enable-protected-configs. */
  protected?: boolean;
  /** Used by Respite's own code but unknown to Redis 7.0: invisible to CONFIG GET / SET and config files. */
  internal?: boolean;
  /** Normalises a valid value after parsing (Redis's apply step, e.g. hz is clamped to 1..500). */
  normalize?: (v: string) => string;
}

const INT_MIN = -(2n ** 31n);
const INT_MAX = 2n ** 31n - 1n;
const UINT_MAX = 2n ** 32n - 1n;
const LONG_MAX = 2n ** 63n - 1n;
const ULLONG_MAX = 2n ** 64n - 1n;

const bool = (): Kind => ({ t: 'bool' });
const int = (min: bigint, max: bigint, unsigned = false): Kind => ({ t: 'num', min, max, memory: false, unsigned });
const mem = (min: bigint, max: bigint, unsigned = false): Kind => ({ t: 'num', min, max, memory: true, unsigned });
const str = (): Kind => ({ t: 'string' });
const oneOf = (...values: string[]): Kind => ({ t: 'enum', values });
const special = (parse: (v: string, current: string) => string): Kind => ({ t: 'special', parse });

/** A rejected value or parameter; `reason` is Redis's text, `param` the name it relates to. */
export class ConfigError extends Error {
  /** The message defaults to CONFIG SET's error text (without the ERR prefix). */
  constructor(readonly reason: string, readonly param = '', readonly kind: 'unknown' | 'invalid' = 'invalid', message?: string) {
    super(message ?? (kind === 'unknown' ? `Unknown option or number of arguments for CONFIG SET - '${param}'` : param ? `CONFIG SET failed (possibly related to argument '${param}') - ${reason}` : reason));
  }
}

/**
 * Redis's memtoull: digits with an optional unit (b, k=1000, kb=1024, m, mb, g, gb; any case); the
 * digits may be empty (then 0). Returns null where Redis sets its error flag.
 */
export function memToBig(v: string): bigint | null {
  if (v.startsWith('-')) return null;
  let i = 0;
  while (i < v.length && v.charCodeAt(i) >= 48 && v.charCodeAt(i) <= 57) i++;
  const unit = v.slice(i).toLowerCase();
  const mul: Record<string, bigint> = { '': 1n, b: 1n, k: 1000n, kb: 1024n, m: 1000000n, mb: 1048576n, g: 1000000000n, gb: 1073741824n };
  if (!(unit in mul)) return null;
  if (i >= 128) return null;
  let n = i === 0 ? 0n : BigInt(v.slice(0, i));
  if (n > ULLONG_MAX) n = ULLONG_MAX; // strtoull saturates
  return (n * mul[unit]) & ULLONG_MAX; // and the multiplication wraps as C's does
}

/** parseMemory for callers that want a plain number ("1gb" → 1073741824), null when invalid. */
export function parseMemory(v: string): number | null {
  const n = memToBig(v);
  return n === null ? null : Number(n);
}

/** C's strtoll with the "whole string consumed" check Redis applies; null when there is trailing junk. */
export function strtollFull(s: string): bigint | null {
  let i = 0;
  while (i < s.length && ' \t\n\v\f\r'.includes(s[i])) i++;
  const start = i;
  if (s[i] === '+' || s[i] === '-') i++;
  const digitsAt = i;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
  if (i === digitsAt) return s.length === 0 ? 0n : null; // no digits: endptr is the whole input
  if (i !== s.length) return null;
  let v = BigInt(s.slice(start, i));
  if (v > LONG_MAX) v = LONG_MAX;
  if (v < -LONG_MAX - 1n) v = -LONG_MAX - 1n;
  return v;
}

/** Redis's string2ll (no '+', spaces or leading zeros), as bigint. */
function string2ll(s: string): bigint | null {
  if (s.length === 0 || s.length > 20) return null;
  if (s === '0') return 0n;
  if (!/^-?[1-9][0-9]*$/.test(s)) return null;
  const v = BigInt(s);
  return v > LONG_MAX || v < -LONG_MAX - 1n ? null : v;
}

/** `save`: pairs of seconds (>= 1) and changes (>= 0); "" clears it. */
function parseSave(v: string): string {
  const args = v === '' ? [] : v.split(' ');
  if (args.length % 2 !== 0) throw new ConfigError('Invalid save parameters');
  const out: string[] = [];
  for (let j = 0; j < args.length; j++) {
    const n = strtollFull(args[j]);
    if (n === null || (j % 2 === 0 && n < 1n) || (j % 2 === 1 && n < 0n)) throw new ConfigError('Invalid save parameters');
    out.push(String(j % 2 === 1 ? BigInt.asIntN(32, n) : n));
  }
  return out.join(' ');
}

/** The three output-buffer classes CONFIG GET reports, in Redis's order. */
const OBL_ORDER = ['normal', 'slave', 'pubsub'];

/** `client-output-buffer-limit`: groups of "class hard soft seconds"; unnamed classes keep their limits. */
function parseOutputLimits(v: string, current: string): string {
  const args = v === '' ? [] : v.split(' ');
  if (args.length % 4 !== 0) throw new ConfigError('Wrong number of arguments in buffer limit configuration.');
  const limits = new Map<string, string[]>();
  const cur = current.split(' ');
  for (let i = 0; i + 3 < cur.length; i += 4) limits.set(cur[i], cur.slice(i + 1, i + 4));
  const updates: Array<[string, string[]]> = [];
  for (let j = 0; j < args.length; j += 4) {
    let cls = args[j].toLowerCase();
    if (cls === 'replica') cls = 'slave';
    if (!OBL_ORDER.includes(cls)) throw new ConfigError('Invalid client class specified in buffer limit configuration.');
    const hard = memToBig(args[j + 1]);
    const soft = memToBig(args[j + 2]);
    const secs = strtollFull(args[j + 3]);
    const secs32 = secs === null ? null : BigInt.asIntN(32, secs);
    if (hard === null || soft === null || secs32 === null || secs32 < 0n || args[j + 3].trim() !== args[j + 3]) {
      throw new ConfigError('Error in hard, soft or soft_seconds setting in buffer limit configuration.');
    }
    updates.push([cls, [String(hard), String(soft), String(secs32)]]);
  }
  for (const [cls, l] of updates) limits.set(cls, l);
  return OBL_ORDER.map((c) => `${c} ${(limits.get(c) ?? ['0', '0', '0']).join(' ')}`).join(' ');
}

/** `bind`: up to 16 addresses separated by single spaces; "" means none. */
function parseBind(v: string): string {
  const args = v === '' ? [] : v.split(' ');
  if (args.length > 16) throw new ConfigError('Too many bind addresses specified.');
  if (args.some((a) => a === '')) throw new ConfigError('Failed to bind to specified addresses.');
  return args.join(' ');
}

/** `notify-keyspace-events`: the class letters, reported back in Redis's canonical order. */
function parseNotify(v: string): string {
  const f = parseNotifyFlags(v);
  if (f === null) throw new ConfigError("Invalid event class character. Use 'Ag$lshzxeKEtmdn'.");
  return notifyFlagsToString(f);
}

/** `dir`: an existing directory, reported as an absolute path (Respite never chdir()s: it may be embedded). */
function parseDir(v: string): string {
  const abs = path.resolve(v);
  let st: fs.Stats;
  try {
    st = fs.statSync(abs);
  } catch {
    throw new ConfigError('No such file or directory');
  }
  if (!st.isDirectory()) throw new ConfigError('Not a directory');
  return abs;
}

/** `dbfilename`: a plain file name. */
function parseDbFilename(v: string): string {
  if (v.includes('/')) throw new ConfigError('dbfilename can\'t be a path, just a filename');
  return v;
}

/** `latency-tracking-info-percentiles`: numbers in [0, 100], printed as %f with trailing zeros trimmed. */
function parsePercentiles(v: string): string {
  const args = v === '' ? [] : v.split(' ');
  return args
    .map((a) => {
      if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(a)) throw new ConfigError('Invalid latency-tracking-info-percentiles parameters');
      const d = Number(a);
      if (d > 100 || d < 0) throw new ConfigError('latency-tracking-info-percentiles parameters should sit between [0.0,100.0]');
      return d.toFixed(6).replace(/\.?0+$/, '');
    })
    .join(' ');
}

/** `oom-score-adj-values`: three integers in [-2000, 2000]. */
function parseOomValues(v: string): string {
  const args = v.split(' ');
  if (args.length !== 3) throw new ConfigError('wrong number of arguments');
  return args
    .map((a) => {
      const n = strtollFull(a);
      if (n === null || a === '' || n < -2000n || n > 2000n) throw new ConfigError('Invalid oom-score-adj-values, elements must be between -2000 and 2000.');
      return String(n);
    })
    .join(' ');
}

/** `replicaof`: Respite has no replication; only "no one" (or nothing) is accepted. */
function parseReplicaOf(v: string): string {
  const args = v.split(' ');
  if (args.length !== 2) throw new ConfigError('wrong number of arguments');
  if (args[0].toLowerCase() === 'no' && args[1].toLowerCase() === 'one') return '';
  throw new ConfigError('Respite does not support replication');
}

/** hz outside 1..500 is clamped, as Redis's updateHZ does. */
const clampHz = (v: string): string => String(Math.min(500, Math.max(1, Number(v))));

const YES = 'yes';
const NO = 'no';
const PROTECTED_ACTION = oneOf('no', 'yes', 'local');

/**
 * The parameters Respite knows, as in Redis 7.0's config table (names, aliases, bounds, defaults,
 * flags). Most are accepted and reported but have no effect: Respite has no persistence,
 * replication, eviction or cluster; see docs for which ones act.
 */
export const PARAMS: ParamSpec[] = [
  // Network and clients
  { name: 'port', kind: int(0n, 65535n), default: '6379' },
  { name: 'bind', kind: special(parseBind), default: '127.0.0.1' },
  { name: 'unixsocket', kind: str(), default: '', immutable: true },
  { name: 'tcp-backlog', kind: int(0n, INT_MAX), default: '511', immutable: true },
  { name: 'tcp-keepalive', kind: int(0n, INT_MAX), default: '300' },
  { name: 'timeout', kind: int(0n, INT_MAX), default: '0' },
  { name: 'protected-mode', kind: bool(), default: YES },
  { name: 'maxclients', kind: int(1n, UINT_MAX, true), default: '10000' },
  { name: 'requirepass', kind: str(), default: '' },
  { name: 'proto-max-bulk-len', kind: mem(1024n * 1024n, LONG_MAX), default: String(512 * 1024 * 1024) },
  { name: 'client-query-buffer-limit', kind: mem(1024n * 1024n, LONG_MAX, true), default: String(1024 * 1024 * 1024) },
  { name: 'client-output-buffer-limit', kind: special(parseOutputLimits), default: 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60' },
  { name: 'maxmemory-clients', kind: mem(-100n, LONG_MAX), default: '0' },
  { name: 'tracking-table-max-keys', kind: int(0n, LONG_MAX, true), default: '1000000' },
  // General
  { name: 'databases', kind: int(1n, INT_MAX), default: '16', immutable: true },
  { name: 'daemonize', kind: bool(), default: NO, immutable: true },
  { name: 'supervised', kind: oneOf('upstart', 'systemd', 'auto', 'no'), default: 'no', immutable: true },
  { name: 'pidfile', kind: str(), default: '', immutable: true },
  { name: 'loglevel', kind: oneOf('debug', 'verbose', 'notice', 'warning'), default: 'notice' },
  { name: 'logfile', kind: str(), default: '', immutable: true },
  { name: 'syslog-enabled', kind: bool(), default: NO, immutable: true },
  { name: 'always-show-logo', kind: bool(), default: NO, immutable: true },
  { name: 'set-proc-title', kind: bool(), default: YES, immutable: true },
  { name: 'hz', kind: int(0n, INT_MAX), default: '10', normalize: clampHz },
  { name: 'dynamic-hz', kind: bool(), default: YES },
  { name: 'io-threads', kind: int(1n, 128n), default: '1', immutable: true },
  { name: 'io-threads-do-reads', kind: bool(), default: NO, immutable: true },
  { name: 'enable-protected-configs', kind: PROTECTED_ACTION, default: 'no', immutable: true },
  { name: 'enable-debug-command', kind: PROTECTED_ACTION, default: 'no', immutable: true },
  { name: 'enable-module-command', kind: PROTECTED_ACTION, default: 'no', immutable: true },
  { name: 'crash-log-enabled', kind: bool(), default: YES },
  { name: 'crash-memcheck-enabled', kind: bool(), default: YES },
  { name: 'disable-thp', kind: bool(), default: YES, immutable: true },
  { name: 'oom-score-adj', kind: oneOf('no', 'yes', 'relative', 'absolute'), default: 'no' },
  { name: 'oom-score-adj-values', kind: special(parseOomValues), default: '0 200 800' },
  { name: 'shutdown-timeout', kind: int(0n, INT_MAX), default: '10' },
  { name: 'busy-reply-threshold', kind: int(0n, LONG_MAX), default: '5000', aliases: ['lua-time-limit'] },
  // Keyspace events, expiry, eviction
  { name: 'notify-keyspace-events', kind: special(parseNotify), default: '' },
  { name: 'active-expire-effort', kind: int(1n, 10n), default: '1' },
  { name: 'maxmemory', kind: mem(0n, ULLONG_MAX, true), default: '0' },
  { name: 'maxmemory-policy', kind: oneOf('volatile-lru', 'volatile-lfu', 'volatile-random', 'volatile-ttl', 'allkeys-lru', 'allkeys-lfu', 'allkeys-random', 'noeviction'), default: 'noeviction' },
  { name: 'maxmemory-samples', kind: int(1n, INT_MAX), default: '5' },
  { name: 'maxmemory-eviction-tenacity', kind: int(0n, 100n), default: '10' },
  { name: 'lfu-log-factor', kind: int(0n, INT_MAX), default: '10' },
  { name: 'lfu-decay-time', kind: int(0n, INT_MAX), default: '1' },
  { name: 'activerehashing', kind: bool(), default: YES },
  { name: 'activedefrag', kind: bool(), default: NO },
  { name: 'lazyfree-lazy-eviction', kind: bool(), default: NO },
  { name: 'lazyfree-lazy-expire', kind: bool(), default: NO },
  { name: 'lazyfree-lazy-server-del', kind: bool(), default: NO },
  { name: 'lazyfree-lazy-user-del', kind: bool(), default: NO },
  { name: 'lazyfree-lazy-user-flush', kind: bool(), default: NO },
  // Persistence (accepted and reported; Respite keeps everything in memory)
  { name: 'save', kind: special(parseSave), default: '' },
  { name: 'dir', kind: special(parseDir), default: process.cwd(), protected: true },
  { name: 'dbfilename', kind: special(parseDbFilename), default: 'dump.rdb', protected: true },
  { name: 'rdbcompression', kind: bool(), default: YES },
  { name: 'rdbchecksum', kind: bool(), default: YES, immutable: true },
  { name: 'rdb-del-sync-files', kind: bool(), default: NO },
  { name: 'stop-writes-on-bgsave-error', kind: bool(), default: YES },
  { name: 'appendonly', kind: bool(), default: NO },
  { name: 'appendfilename', kind: str(), default: 'appendonly.aof', immutable: true },
  { name: 'appenddirname', kind: str(), default: 'appendonlydir', immutable: true },
  { name: 'appendfsync', kind: oneOf('everysec', 'always', 'no'), default: 'everysec' },
  { name: 'no-appendfsync-on-rewrite', kind: bool(), default: NO },
  { name: 'auto-aof-rewrite-percentage', kind: int(0n, INT_MAX), default: '100' },
  { name: 'auto-aof-rewrite-min-size', kind: mem(0n, LONG_MAX), default: String(64 * 1024 * 1024) },
  { name: 'aof-load-truncated', kind: bool(), default: YES },
  { name: 'aof-use-rdb-preamble', kind: bool(), default: YES },
  { name: 'aof-timestamp-enabled', kind: bool(), default: NO },
  // Replication and cluster (reported for tools that ask; Respite is always a standalone master)
  { name: 'replicaof', kind: special(parseReplicaOf), default: '', aliases: ['slaveof'], immutable: true },
  { name: 'replica-read-only', kind: bool(), default: YES, aliases: ['slave-read-only'] },
  { name: 'replica-serve-stale-data', kind: bool(), default: YES, aliases: ['slave-serve-stale-data'] },
  { name: 'repl-backlog-size', kind: mem(1n, LONG_MAX), default: String(1024 * 1024) },
  { name: 'repl-backlog-ttl', kind: int(0n, LONG_MAX), default: '3600' },
  { name: 'repl-timeout', kind: int(1n, INT_MAX), default: '60' },
  { name: 'repl-diskless-sync', kind: bool(), default: YES },
  { name: 'min-replicas-to-write', kind: int(0n, INT_MAX), default: '0', aliases: ['min-slaves-to-write'] },
  { name: 'min-replicas-max-lag', kind: int(0n, INT_MAX), default: '10', aliases: ['min-slaves-max-lag'] },
  { name: 'cluster-enabled', kind: bool(), default: NO, immutable: true },
  { name: 'cluster-config-file', kind: str(), default: 'nodes.conf', immutable: true },
  { name: 'cluster-node-timeout', kind: int(0n, LONG_MAX), default: '15000' },
  // Logs and latency
  { name: 'slowlog-log-slower-than', kind: int(-1n, LONG_MAX), default: '10000' },
  { name: 'slowlog-max-len', kind: int(0n, LONG_MAX), default: '128' },
  { name: 'acllog-max-len', kind: int(0n, LONG_MAX), default: '128' },
  { name: 'latency-monitor-threshold', kind: int(0n, LONG_MAX), default: '0' },
  { name: 'latency-tracking', kind: bool(), default: YES },
  { name: 'latency-tracking-info-percentiles', kind: special(parsePercentiles), default: '50 99 99.9' },
  // Encodings
  { name: 'hash-max-listpack-entries', kind: int(0n, LONG_MAX, true), default: '512', aliases: ['hash-max-ziplist-entries'] },
  { name: 'hash-max-listpack-value', kind: mem(0n, LONG_MAX, true), default: '64', aliases: ['hash-max-ziplist-value'] },
  { name: 'set-max-intset-entries', kind: int(0n, LONG_MAX, true), default: '512' },
  { name: 'zset-max-listpack-entries', kind: int(0n, LONG_MAX, true), default: '128', aliases: ['zset-max-ziplist-entries'] },
  { name: 'zset-max-listpack-value', kind: mem(0n, LONG_MAX, true), default: '64', aliases: ['zset-max-ziplist-value'] },
  { name: 'list-max-listpack-size', kind: int(INT_MIN, INT_MAX), default: '-2', aliases: ['list-max-ziplist-size'] },
  { name: 'list-compress-depth', kind: int(0n, INT_MAX), default: '0' },
  { name: 'hll-sparse-max-bytes', kind: mem(0n, LONG_MAX, true), default: '3000' },
  { name: 'stream-node-max-bytes', kind: mem(0n, LONG_MAX, true), default: '4096' },
  { name: 'stream-node-max-entries', kind: int(0n, LONG_MAX), default: '100' },
  // Redis 7.2 knobs some code may read; unknown to CONFIG in 7.0, so internal here.
  { name: 'set-max-listpack-entries', kind: int(0n, LONG_MAX, true), default: '128', internal: true },
  { name: 'set-max-listpack-value', kind: mem(0n, LONG_MAX, true), default: '64', internal: true },
];

const BY_NAME = new Map<string, ParamSpec>();
for (const p of PARAMS) {
  BY_NAME.set(p.name, p);
  for (const a of p.aliases ?? []) BY_NAME.set(a, p);
}

/** Looks up a parameter by name or alias (case-insensitive), including internal ones. */
export function findParam(name: string): ParamSpec | undefined {
  return BY_NAME.get(name.toLowerCase());
}

/** Looks up a parameter as CONFIG GET / SET and config files see them (internal ones do not exist). */
export function findPublicParam(name: string): ParamSpec | undefined {
  const p = findParam(name);
  return p === undefined || p.internal ? undefined : p;
}

/** Every public (name, spec) pair, aliases included, in table order: what CONFIG GET patterns match. */
export function publicNames(): Array<[string, ParamSpec]> {
  const out: Array<[string, ParamSpec]> = [];
  for (const p of PARAMS) {
    if (p.internal) continue;
    out.push([p.name, p]);
    for (const a of p.aliases ?? []) out.push([a, p]);
  }
  return out;
}

export class Config {
  private values = new Map<string, string>();
  /** Parsed copies read on hot paths. */
  maxBulkLen = 512 * 1024 * 1024;
  queryBufferLimit = 1024 * 1024 * 1024;
  notifyFlags = 0;
  requirepass = '';
  /** pubsub class output limits: [hard, soft, soft seconds]. */
  pubsubLimits: [number, number, number] = [33554432, 8388608, 60];
  /** The config file the server was started with ('' when none): CONFIG REWRITE and INFO config_file. */
  file = '';
  private listeners: Array<(name: string) => void> = [];

  constructor() {
    for (const p of PARAMS) this.values.set(p.name, p.default);
  }

  /** The canonical string of a parameter. */
  get(name: string): string {
    const p = findParam(name);
    if (p === undefined) throw new ConfigError(`unknown parameter ${name}`);
    return this.values.get(p.name)!;
  }

  /** A numeric parameter. Cached per spelling until the next set: HSET, SADD and ZADD read their
   * encoding thresholds through this on every call. */
  getInt(name: string): number {
    let n = this.ints.get(name);
    if (n === undefined) {
      n = Number(this.get(name));
      this.ints.set(name, n);
    }
    return n;
  }
  private ints = new Map<string, number>();

  /** True for a bool parameter set to yes. */
  getBool(name: string): boolean {
    return this.get(name) === YES;
  }

  /** Every (spec, value) pair, canonical names only. */
  entries(): Array<[ParamSpec, string]> {
    return PARAMS.map((p) => [p, this.values.get(p.name)!]);
  }

  /**
   * Validates a value for a parameter spec; returns its canonical string or throws ConfigError with
   * Redis's reason (its `param` left empty for the caller to fill).
   */
  validate(p: ParamSpec, value: string): string {
    const k = p.kind;
    let v: string;
    switch (k.t) {
      case 'bool': {
        const low = value.toLowerCase();
        if (low !== YES && low !== NO) throw new ConfigError("argument must be 'yes' or 'no'");
        v = low;
        break;
      }
      case 'num': {
        let n: bigint | null;
        if (k.memory) {
          const u = memToBig(value);
          if (u === null) throw new ConfigError('argument must be a memory value');
          n = BigInt.asIntN(64, u);
        } else {
          n = string2ll(value);
          if (n === null) throw new ConfigError("argument couldn't be parsed into an integer");
        }
        if (k.unsigned) n = BigInt.asUintN(64, n);
        if (n < k.min || n > k.max) throw new ConfigError(`argument must be between ${k.min} and ${k.max} inclusive`);
        v = String(n);
        break;
      }
      case 'enum': {
        const low = value.toLowerCase();
        if (!k.values.includes(low)) throw new ConfigError(`argument(s) must be one of the following: ${k.values.join(', ')}`);
        v = low;
        break;
      }
      case 'string':
        v = value;
        break;
      case 'special':
        v = k.parse(value, this.values.get(p.name)!);
        break;
    }
    return p.normalize ? p.normalize(v) : v;
  }

  /**
   * Sets several parameters atomically, as CONFIG SET does: every name is checked (unknown,
   * immutable, protected, duplicate: the first problem wins) and every value validated before any is
   * applied. At start-up (config file, CLI flags, embedding) immutable parameters may be set.
   */
  setMany(pairs: Array<[string, string]>, atStartup = false): void {
    const seen = new Set<ParamSpec>();
    const specs: ParamSpec[] = [];
    for (const [name] of pairs) {
      const p = findPublicParam(name);
      if (p === undefined) throw new ConfigError('', name, 'unknown');
      if (!atStartup && p.immutable) throw new ConfigError("can't set immutable config", name);
      if (!atStartup && p.protected && this.get('enable-protected-configs') === 'no') throw new ConfigError("can't set protected config", name);
      if (seen.has(p)) throw new ConfigError('duplicate parameter', name);
      seen.add(p);
      specs.push(p);
    }
    const parsed: string[] = [];
    for (let i = 0; i < pairs.length; i++) {
      try {
        parsed.push(this.validate(specs[i], pairs[i][1]));
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        // Redis names the parameter as its table spells the name that was looked up (alias or not).
        throw new ConfigError(e.reason, pairs[i][0].toLowerCase());
      }
    }
    for (let i = 0; i < specs.length; i++) {
      const p = specs[i];
      this.values.set(p.name, parsed[i]);
      this.ints.clear();
      this.refresh(p.name);
      for (const fn of this.listeners) fn(p.name);
    }
  }

  /** Sets one parameter at start-up (immutable ones included); throws ConfigError when invalid. */
  set(name: string, value: string | number): void {
    this.setMany([[name, String(value)]], true);
  }

  /** Runs fn with the canonical name whenever a parameter changes. */
  onChange(fn: (name: string) => void): void {
    this.listeners.push(fn);
  }

  private refresh(name: string): void {
    const v = this.values.get(name)!;
    switch (name) {
      case 'proto-max-bulk-len': this.maxBulkLen = Number(v); break;
      case 'client-query-buffer-limit': this.queryBufferLimit = Number(v); break;
      case 'notify-keyspace-events': this.notifyFlags = parseNotifyFlags(v) ?? 0; break;
      case 'requirepass': this.requirepass = v; break;
      case 'client-output-buffer-limit': {
        const m = /pubsub (\d+) (\d+) (\d+)/.exec(v);
        if (m) this.pubsubLimits = [Number(m[1]), Number(m[2]), Number(m[3])];
        break;
      }
    }
  }
}

export { IGNORED_DIRECTIVES, parseConfigFile, splitConfigArgs } from './config-file';
