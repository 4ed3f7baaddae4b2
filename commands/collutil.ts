/**
 * Helpers shared by the keyspace, hash and set commands: SCAN-family arguments and replies (with the order of
 * checks of Redis 7.0's hscanCommand/sscanCommand + scanGenericCommand: the cursor is parsed before
 * the key is looked up, the options only once the key exists) and random sampling.
 */
import type { Client } from '../src/connection';
import { fail, SYNTAX } from '../src/errors';
import { globMatch } from '../src/glob';
import { intArg, isOpt } from './args';

const MAX_ULONG = 2n ** 64n - 1n;
/** Stands for any cursor we never issued (beyond 2^53 or negative): scanStep then restarts. */
const UNKNOWN_CURSOR = Number.MAX_SAFE_INTEGER;

/**
 * A cursor as Redis's parseScanCursorOrReply reads it with strtoul: optional sign, decimal digits
 * only, no spaces, at most 2^64-1 (negatives wrap). The empty string is cursor 0, as in Redis.
 */
export function parseCursor(s: string): number {
  const n = s.length;
  const sign = n > 0 ? s.charCodeAt(0) : 0;
  const i = sign === 43 /* + */ || sign === 45 /* - */ ? 1 : 0;
  if (i === n && n > 0) fail('ERR invalid cursor');
  let v = 0;
  for (let j = i; j < n; j++) {
    const d = s.charCodeAt(j) - 48;
    if (d < 0 || d > 9) fail('ERR invalid cursor');
    v = v * 10 + d;
  }
  if (v > Number.MAX_SAFE_INTEGER) {
    if (BigInt(s.slice(i)) > MAX_ULONG) fail('ERR invalid cursor');
    return UNKNOWN_CURSOR;
  }
  return sign === 45 && v !== 0 ? UNKNOWN_CURSOR : v;
}

/** Parsed [MATCH pattern] [COUNT n] options; `match` is null when absent or the bare `*`. */
export interface ScanOptions {
  match: string | null;
  count: number;
}

/** Parses the options from argv[3] on (TYPE is a syntax error for collection scans, as in Redis). */
export function parseScanOptions(argv: string[]): ScanOptions {
  const opts: ScanOptions = { match: null, count: 10 };
  for (let i = 3; i < argv.length; i += 2) {
    const more = i + 1 < argv.length;
    if (more && isOpt(argv[i], 'count')) {
      opts.count = intArg(argv[i + 1]);
      if (opts.count < 1) fail(SYNTAX);
    } else if (more && isOpt(argv[i], 'match')) {
      opts.match = argv[i + 1] === '*' ? null : argv[i + 1];
    } else {
      fail(SYNTAX);
    }
  }
  return opts;
}

/** The reply to a scan of a missing key: cursor 0 and no elements (Redis's shared.emptyscan). */
export function replyEmptyScan(c: Client): void {
  c.out.raw('*2\r\n$1\r\n0\r\n*0\r\n');
}

/**
 * Writes [cursor, items]. `stride` 2 means items are field/value pairs and MATCH filters on the
 * field, dropping its value too (as Redis does for HSCAN).
 */
export function replyScan(c: Client, cursor: number, items: string[], match: string | null, stride: 1 | 2): void {
  let out = items;
  if (match !== null) {
    out = [];
    for (let i = 0; i < items.length; i += stride) {
      if (!globMatch(match, items[i])) continue;
      out.push(items[i]);
      if (stride === 2) out.push(items[i + 1]);
    }
  }
  c.out.array(2);
  c.out.bulk(String(cursor));
  c.out.bulkArray(out);
}

/** A uniform random integer in [0, n). */
export function randomIndex(n: number): number {
  return Math.floor(Math.random() * n);
}

/** `count` distinct indexes of [0, size) in random order (partial Fisher-Yates). */
export function sample(size: number, count: number): number[] {
  const idx = new Array<number>(size);
  for (let i = 0; i < size; i++) idx[i] = i;
  for (let i = 0; i < count; i++) {
    const j = i + randomIndex(size - i);
    const t = idx[i];
    idx[i] = idx[j];
    idx[j] = t;
  }
  idx.length = count;
  return idx;
}
