/**
 * Server parameters: defaults, validation, CONFIG GET / SET, redis.conf files and CLI flags.
 * Values are kept as the canonical strings CONFIG GET reports, with parsed numbers cached for the
 * parameters the server reads on hot paths.
 */
import { NOTIFY, notifyFlagsToString, parseNotifyFlags } from './notify';

type Kind =
  | { t: 'bool' }
  | { t: 'int'; min: number; max: number }
  | { t: 'memory'; min: number; max: number }
  | { t: 'enum'; values: string[] }
  | { t: 'string' }
  | { t: 'special'; parse: (v: string) => string | null };

export interface ParamSpec {
  name: string;
  kind: Kind;
  default: string;
  /** Other names accepted (e.g. the ziplist spelling of listpack knobs). */
  aliases?: string[];
  /** Only settable at start-up (CONFIG SET refuses it). */
  immutable?: boolean;
}

const INT_MAX = 2147483647;
const LLONG_MAX = Number.MAX_SAFE_INTEGER;

const bool = (): Kind => ({ t: 'bool' });
const int = (min: number, max: number): Kind => ({ t: 'int', min, max });
const mem = (min = 0, max = LLONG_MAX): Kind => ({ t: 'memory', min, max });
const str = (): Kind => ({ t: 'string' });
const oneOf = (...values: string[]): Kind => ({ t: 'enum', values });

/** Parses "1gb", "512mb", "100k", "42" as Redis's memtoull does (k=1000, kb=1024…). */
export function parseMemory(v: string): number | null {
  const m = /^(-?\d+)(k|kb|m|mb|g|gb|b)?$/i.exec(v);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] ?? 'b').toLowerCase();
  const mul: Record<string, number> = { b: 1, k: 1000, kb: 1024, m: 1e6, mb: 1024 ** 2, g: 1e9, gb: 1024 ** 3 };
  return n * mul[unit];
}

function parseSave(v: string): string | null {
  const parts = v.trim() === '' ? [] : v.trim().split(/\s+/);
  if (parts.length % 2 !== 0) return null;
  for (const p of parts) if (!/^\d+$/.test(p)) return null;
  return parts.join(' ');
}

const OBL_CLASSES = ['normal', 'replica', 'slave', 'pubsub'];

/** Parses client-output-buffer-limit ("class hard soft seconds" groups) into its canonical form. */
function parseOutputLimits(v: string, current: string): string | null {
  const parts = v.trim().split(/\s+/);
  if (parts.length % 4 !== 0) return null;
  const limits = new Map<string, number[]>();
  for (const group of current.split(/\s+/).reduce<string[][]>((acc, p, i) => {
    if (i % 4 === 0) acc.push([]);
    acc[acc.length - 1].push(p);
    return acc;
  }, [])) {
    limits.set(group[0], group.slice(1).map(Number));
  }
  for (let i = 0; i < parts.length; i += 4) {
    let cls = parts[i].toLowerCase();
    if (!OBL_CLASSES.includes(cls)) return null;
    if (cls === 'replica') cls = 'slave';
    const hard = parseMemory(parts[i + 1]);
    const soft = parseMemory(parts[i + 2]);
    const secs = /^\d+$/.test(parts[i + 3]) ? Number(parts[i + 3]) : null;
    if (hard === null || soft === null || secs === null || hard < 0 || soft < 0) return null;
    limits.set(cls, [hard, soft, secs]);
  }
  return ['normal', 'slave', 'pubsub'].map((c) => `${c} ${(limits.get(c) ?? [0, 0, 0]).join(' ')}`).join(' ');
}

export const PARAMS: ParamSpec[] = [
  { name: 'port', kind: int(0, 65535), default: '6379' },
  { name: 'bind', kind: str(), default: '127.0.0.1' },
  { name: 'databases', kind: int(1, INT_MAX), default: '16', immutable: true },
  { name: 'requirepass', kind: str(), default: '' },
  { name: 'maxclients', kind: int(1, INT_MAX), default: '10000' },
  { name: 'maxmemory', kind: mem(), default: '0' },
  { name: 'maxmemory-policy', kind: oneOf('volatile-lru', 'allkeys-lru', 'volatile-lfu', 'allkeys-lfu', 'volatile-random', 'allkeys-random', 'volatile-ttl', 'noeviction'), default: 'noeviction' },
  { name: 'notify-keyspace-events', kind: { t: 'special', parse: (v) => { const f = parseNotifyFlags(v); return f === null ? null : notifyFlagsToString(f); } }, default: '' },
  { name: 'proto-max-bulk-len', kind: mem(1024 * 1024, LLONG_MAX), default: String(512 * 1024 * 1024) },
  { name: 'client-query-buffer-limit', kind: mem(1024 * 1024, LLONG_MAX), default: String(1024 * 1024 * 1024) },
  { name: 'client-output-buffer-limit', kind: { t: 'special', parse: (v) => v }, default: 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60' },
  { name: 'hz', kind: int(0, INT_MAX), default: '10' },
  { name: 'timeout', kind: int(0, INT_MAX), default: '0' },
  { name: 'tcp-keepalive', kind: int(0, INT_MAX), default: '300' },
  { name: 'save', kind: { t: 'special', parse: parseSave }, default: '3600 1 300 100 60 10000' },
  { name: 'appendonly', kind: bool(), default: 'no' },
  { name: 'appendfsync', kind: oneOf('always', 'everysec', 'no'), default: 'everysec' },
  { name: 'loglevel', kind: oneOf('debug', 'verbose', 'notice', 'warning', 'nothing'), default: 'notice' },
  { name: 'logfile', kind: str(), default: '', immutable: true },
  { name: 'dir', kind: str(), default: process.cwd() },
  { name: 'dbfilename', kind: str(), default: 'dump.rdb' },
  { name: 'daemonize', kind: bool(), default: 'no', immutable: true },
  { name: 'protected-mode', kind: bool(), default: 'yes' },
  { name: 'tcp-backlog', kind: int(0, INT_MAX), default: '511', immutable: true },
  { name: 'lazyfree-lazy-user-flush', kind: bool(), default: 'no' },
  { name: 'lazyfree-lazy-user-del', kind: bool(), default: 'no' },
  { name: 'slowlog-log-slower-than', kind: int(-1, LLONG_MAX), default: '10000' },
  { name: 'slowlog-max-len', kind: int(0, LLONG_MAX), default: '128' },
  { name: 'latency-tracking', kind: bool(), default: 'yes' },
  { name: 'active-expire-effort', kind: int(1, 10), default: '1' },
  { name: 'cluster-enabled', kind: bool(), default: 'no', immutable: true },
  { name: 'io-threads', kind: int(1, 128), default: '1', immutable: true },
  { name: 'hash-max-listpack-entries', kind: int(0, LLONG_MAX), default: '128', aliases: ['hash-max-ziplist-entries'] },
  { name: 'hash-max-listpack-value', kind: int(0, LLONG_MAX), default: '64', aliases: ['hash-max-ziplist-value'] },
  { name: 'set-max-intset-entries', kind: int(0, LLONG_MAX), default: '512' },
  { name: 'set-max-listpack-entries', kind: int(0, LLONG_MAX), default: '128' },
  { name: 'set-max-listpack-value', kind: int(0, LLONG_MAX), default: '64' },
  { name: 'zset-max-listpack-entries', kind: int(0, LLONG_MAX), default: '128', aliases: ['zset-max-ziplist-entries'] },
  { name: 'zset-max-listpack-value', kind: int(0, LLONG_MAX), default: '64', aliases: ['zset-max-ziplist-value'] },
  { name: 'list-max-listpack-size', kind: int(-5, INT_MAX), default: '-2', aliases: ['list-max-ziplist-size'] },
  { name: 'list-compress-depth', kind: int(0, INT_MAX), default: '0' },
  { name: 'stream-node-max-bytes', kind: mem(), default: '4096' },
  { name: 'stream-node-max-entries', kind: int(0, LLONG_MAX), default: '100' },
];

const BY_NAME = new Map<string, ParamSpec>();
for (const p of PARAMS) {
  BY_NAME.set(p.name, p);
  for (const a of p.aliases ?? []) BY_NAME.set(a, p);
}

/** Looks up a parameter by name or alias (case-insensitive). */
export function findParam(name: string): ParamSpec | undefined {
  return BY_NAME.get(name.toLowerCase());
}

export class ConfigError extends Error {}

export class Config {
  private values = new Map<string, string>();
  /** Parsed copies read on hot paths. */
  maxBulkLen = 512 * 1024 * 1024;
  queryBufferLimit = 1024 * 1024 * 1024;
  notifyFlags = 0;
  requirepass = '';
  /** pubsub class output limits: [hard, soft, soft seconds]. */
  pubsubLimits: [number, number, number] = [33554432, 8388608, 60];
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

  getInt(name: string): number {
    return Number(this.get(name));
  }

  /** Every (canonical name, value) pair whose name or alias matches `match`. */
  entries(): Array<[ParamSpec, string]> {
    return PARAMS.map((p) => [p, this.values.get(p.name)!]);
  }

  /** Validates a value; returns its canonical string or throws ConfigError with Redis's reason. */
  validate(name: string, value: string): string {
    const p = findParam(name);
    if (p === undefined) throw new ConfigError(`Unknown option or number of arguments for CONFIG SET - '${name}'`);
    const k = p.kind;
    switch (k.t) {
      case 'bool': {
        const v = value.toLowerCase();
        if (v !== 'yes' && v !== 'no') throw new ConfigError('argument must be \'yes\' or \'no\'');
        return v;
      }
      case 'int': {
        if (!/^-?\d+$/.test(value)) throw new ConfigError('argument couldn\'t be parsed into an integer');
        const n = Number(value);
        if (n < k.min || n > k.max) throw new ConfigError(`argument must be between ${k.min} and ${k.max} inclusive`);
        return String(n);
      }
      case 'memory': {
        const n = parseMemory(value);
        if (n === null) throw new ConfigError('argument must be a memory value');
        if (n < k.min || n > k.max) throw new ConfigError(`argument must be between ${k.min} and ${k.max} inclusive`);
        return String(n);
      }
      case 'enum': {
        const v = value.toLowerCase();
        if (!k.values.includes(v)) throw new ConfigError(`argument(s) must be one of the following: ${k.values.join(', ')}`);
        return v;
      }
      case 'string':
        return value;
      case 'special': {
        const v = p.name === 'client-output-buffer-limit' ? parseOutputLimits(value, this.values.get(p.name)!) : k.parse(value);
        if (v === null) throw new ConfigError(p.name === 'notify-keyspace-events' ? 'Invalid event class character. Use \'Ag$lshzxeKEtmd\'.' : 'Invalid argument');
        return v;
      }
    }
  }

  /** Sets several parameters atomically: all are validated before any is applied. */
  setMany(pairs: Array<[string, string]>, atStartup = false): void {
    const seen = new Set<string>();
    const parsed: Array<[ParamSpec, string]> = [];
    for (const [name, value] of pairs) {
      const p = findParam(name);
      if (p === undefined) throw new ConfigError(`Unknown option or number of arguments for CONFIG SET - '${name}'`);
      if (seen.has(p.name)) throw new ConfigError(`duplicate parameter - '${name}'`);
      seen.add(p.name);
      if (p.immutable && !atStartup) throw new ConfigError(`can't set immutable config - '${name}'`);
      parsed.push([p, this.validate(name, value)]);
    }
    for (const [p, v] of parsed) {
      this.values.set(p.name, v);
      this.refresh(p.name);
      for (const fn of this.listeners) fn(p.name);
    }
  }

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

/** Splits a redis.conf file into [name, value] pairs (directives with their arguments joined by spaces). */
export function parseConfigFile(text: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const words = line.match(/"(?:[^"\\]|\\.)*"|'[^']*'|\S+/g) ?? [];
    const unq = words.map((w) => (/^["'].*["']$/.test(w) ? w.slice(1, -1) : w));
    out.push([unq[0].toLowerCase(), unq.slice(1).join(' ')]);
  }
  return out;
}

void NOTIFY;
