/**
 * The fuzz test's building blocks: a seeded PRNG, the argument factory over a tiny key space with
 * edge-case pools, and the generator types every family file uses.
 */
import type { Mode } from './compare';

/** Deterministic PRNG (mulberry32): the same seed gives the same command stream everywhere. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** Integer in [lo, hi]. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }
}

export const LONG = 'x'.repeat(70); // longer than the 64-byte listpack value limit: forces hashtable/skiplist
export const BINARY = '\x00\x01\xff\r\n\t';

/** Integers and things that look almost like integers. */
const EDGE_INTS = [
  '0', '-0', '1', '-1', '100', '9223372036854775807', '-9223372036854775808', '9223372036854775808',
  '-9223372036854775809', '4294967296', '1.5', 'abc', '', '+1', '01', ' 1', '1e3', '0x10',
];
/** Floats including the spellings Redis's strtold accepts and rejects. */
const EDGE_FLOATS = [
  '0', '-0', '1', '-1', '1.5', '-2.25', '0.1', '1e2', '1E-2', '.5', '5.', 'inf', '-inf', '+inf', 'Infinity', 'nan',
  'abc', '', '1e400', '1.7976931348623157e308', '2.5e-310', '0x10', ' 1', '3.0000000000000001',
];
const VALUES = [
  '', '0', '1', '-1', '10', '3.5', '9223372036854775807', '-9223372036854775808', '9223372036854775808',
  '12345678901234567890', ' 1', 'abc', 'hello world', BINARY, LONG, 'inf', '1e5', '0x1f', '007', 'a',
];
const MEMBERS = ['a', 'b', 'c', 'd', '1', '2', '3', '10', '-1', '0', 'abc', '', BINARY, LONG, '1.5'];
const FIELDS = ['f1', 'f2', 'f3', 'a', '1', '', LONG, BINARY];

/** Argument factory over the tiny key space; all strings are latin1 (one char per byte). */
export class Gen {
  /** Keys shared by every family so a list key is soon used as a hash, and so on. */
  static readonly KEYS = ['a', 'b', 'c', 'd', '{t}e', BINARY];
  /**
   * The current family's own two keys (set by the runner before each command): without them most
   * collection commands would meet a key of another type and only test WRONGTYPE.
   */
  home: readonly string[] = [];
  constructor(readonly r: Rng) {}

  key(): string {
    if (this.home.length && this.r.chance(0.6)) return this.r.pick(this.home);
    // Mostly three hot shared keys, so commands meet the values other families left behind.
    return this.r.chance(0.7) ? this.r.pick(Gen.KEYS.slice(0, 3)) : this.r.pick(Gen.KEYS);
  }

  keys(min: number, max: number): string[] {
    const n = this.r.range(min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.key());
    return out;
  }

  /** An option word in random case: Redis matches options case-insensitively. */
  word(w: string): string {
    const roll = this.r.int(4);
    if (roll === 0) return w.toUpperCase();
    if (roll === 1) return w.toLowerCase();
    let s = '';
    for (const ch of w) s += this.r.chance(0.5) ? ch.toUpperCase() : ch.toLowerCase();
    return s;
  }

  /** One of the words, in random case. */
  oneOf(...ws: string[]): string {
    return this.word(this.r.pick(ws));
  }

  value(): string {
    return this.r.chance(0.15) ? String(this.r.range(-1000, 100000)) : this.r.pick(VALUES);
  }

  member(): string {
    return this.r.pick(MEMBERS);
  }

  members(min: number, max: number): string[] {
    const n = this.r.range(min, max);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.member());
    return out;
  }

  field(): string {
    return this.r.pick(FIELDS);
  }

  /** Small integers mostly, edge cases sometimes. */
  int(lo = -3, hi = 10): string {
    return this.r.chance(0.8) ? String(this.r.range(lo, hi)) : this.r.pick(EDGE_INTS);
  }

  /** List/range index: small signed, sometimes huge or malformed. */
  index(): string {
    return this.r.chance(0.85) ? String(this.r.range(-8, 8)) : this.r.pick(['9223372036854775807', '-9223372036854775808', '100', '-100', 'x', '1.0']);
  }

  /** A count for commands that return that many elements: kept small even when valid (no huge replies). */
  count(): string {
    return this.r.chance(0.85) ? String(this.r.range(-3, 6)) : this.r.pick(['0', '-1', '100', 'abc', '9223372036854775807', '-9223372036854775808', '']);
  }

  float(): string {
    return this.r.chance(0.5) ? String(this.r.range(-5, 10)) : this.r.pick(EDGE_FLOATS);
  }

  /** Score range bound: inclusive, exclusive '(' or infinite, sometimes invalid. */
  bound(): string {
    const r = this.r.int(10);
    if (r < 4) return String(this.r.range(-3, 10));
    if (r < 6) return `(${this.r.range(-3, 10)}`;
    if (r < 8) return this.r.pick(['-inf', '+inf', 'inf', '(-inf', '(+inf']);
    return this.r.pick(['(', 'abc', '', '1.5', '(1.5', 'nan', '1e400']);
  }

  /** Lex range bound. */
  lex(): string {
    return this.r.pick(['-', '+', '[a', '(a', '[b', '(c', '[', '(', 'a', '[1', '(10', '[' + LONG, '']);
  }

  /** Relative TTL in seconds or ms that cannot elapse during the run, or an invalid one. */
  ttl(ms = false): string {
    if (this.r.chance(0.75)) return String(this.r.range(100, 100000) * (ms ? 1000 : 1));
    return this.r.pick(['0', '-1', '-100', 'abc', '', '9223372036854775807', '1.5', '9223372036854775']);
  }

  /** Absolute unix time in seconds or ms: far future, past, or invalid. */
  at(ms = false): string {
    const v = this.r.pick(['4102444800', '4102444801', '1', '0', '-1', 'abc', '9223372036854775807']);
    return ms && /^\d{2,}$/.test(v) && v.length < 12 ? v + '000' : v;
  }

  /** A glob pattern for KEYS / SCAN MATCH / HSCAN MATCH. */
  pattern(): string {
    return this.r.pick(['*', 'a*', '?', '[a-c]', '*e', '{t}*', 'x', '\\*', '[^a]', 'f*', '*1*', '']);
  }
}

/** One command a family can produce. */
export interface CommandGen {
  /** Command name, for reporting and for skipping commands Respite does not implement yet. */
  name: string;
  /** What to send to find out whether Respite implements it; default [name] (arity error = known). */
  probe?: string[];
  /** Makes the arguments. One command per call. */
  gen: (g: Gen) => string[];
  /** How replies are compared (default exact). */
  mode?: Mode;
  /**
   * Compare with `mode` only when Redis reports this encoding family for argv[1] (hashtable sets/hashes
   * iterate in hash order); otherwise compare exactly, as small listpack/intset values are ordered.
   */
  whenHashtable?: boolean;
  /** Asks real Redis before sending and returns false to skip (e.g. LCS of long strings). */
  guard?: (argv: string[], ask: (cmd: string[]) => Promise<string>) => Promise<boolean>;
  /** Only valid inside MULTI (blocking commands would block). */
  multiOnly?: boolean;
  /** Never picked as a MULTI body (its reply needs a relaxed mode, which EXEC's array would hide). */
  noMulti?: boolean;
}

/** A family of generators. */
export interface Family {
  name: string;
  commands: CommandGen[];
}

