/**
 * Shared argument parsing with Redis's rules and error texts: integers as string2ll reads them,
 * doubles as strtod does (no spaces, no NaN), option words case-insensitively.
 */
import { fail, NOT_INTEGER, NOT_FLOAT, NOT_INT32 } from '../src/errors';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** A 64-bit integer as Redis's string2ll accepts it (no '+', spaces or leading zeros), else null. */
export function parseInt64(s: string): bigint | null {
  const n = s.length;
  if (n === 0 || n > 20) return null;
  if (n === 1 && s === '0') return 0n;
  let i = 0;
  if (s.charCodeAt(0) === 45 /* '-' */) {
    i = 1;
    if (n === 1) return null;
  }
  const first = s.charCodeAt(i);
  if (first < 49 || first > 57) return null; // 1-9
  for (let j = i + 1; j < n; j++) {
    const c = s.charCodeAt(j);
    if (c < 48 || c > 57) return null;
  }
  const v = BigInt(s);
  return v < INT64_MIN || v > INT64_MAX ? null : v;
}

/** Fast path for the common case: a safe integer, or null when not an int64 (precision beyond 2^53 is lost). */
export function parseInteger(s: string): number | null {
  const n = s.length;
  if (n > 0 && n < 16) {
    // Up to 15 digits cannot leave the safe range; validate as string2ll does.
    let i = s.charCodeAt(0) === 45 ? 1 : 0;
    if (i === n) return null;
    if (s.charCodeAt(i) === 48) return n === 1 ? 0 : null;
    let v = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) return null;
      v = v * 10 + c;
    }
    return s.charCodeAt(0) === 45 ? -v : v;
  }
  const big = parseInt64(s);
  return big === null ? null : Number(big);
}

/** An integer argument, or throws `msg` (default: value is not an integer or out of range). */
export function intArg(s: string, msg: string = NOT_INTEGER): number {
  const v = parseInteger(s);
  if (v === null) fail(msg);
  return v;
}

/** A C int argument as Redis's getIntFromObjectOrReply reads it: `msg` (default NOT_INTEGER) if not an int64, NOT_INT32 if outside int. */
export function int32Arg(s: string, msg: string = NOT_INTEGER): number {
  const v = parseInteger(s);
  if (v === null) fail(msg);
  if (v < -2147483648 || v > 2147483647) fail(msg === NOT_INTEGER ? NOT_INT32 : msg);
  return v;
}

/** A 64-bit integer argument as bigint, or throws. */
export function int64Arg(s: string, msg: string = NOT_INTEGER): bigint {
  const v = parseInt64(s);
  if (v === null) fail(msg);
  return v;
}

const FLOAT_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const INF_RE = /^[+-]?(?:inf|infinity)$/i;

/** A double as Redis's string2d / strtod reads it (inf allowed, NaN and spaces not), else null. */
export function parseDouble(s: string): number | null {
  if (s.length === 0 || s.length > 5000) return null;
  if (FLOAT_RE.test(s)) return Number(s);
  if (INF_RE.test(s)) return s[0] === '-' ? -Infinity : Infinity;
  return null;
}

/** A double argument, or throws `msg` (default: value is not a valid float). */
export function floatArg(s: string, msg: string = NOT_FLOAT): number {
  const v = parseDouble(s);
  if (v === null) fail(msg);
  return v;
}

/** Case-insensitive option comparison without allocating for the common (already lower/upper) cases. */
export function isOpt(arg: string, lower: string): boolean {
  return arg.length === lower.length && (arg === lower || arg.toLowerCase() === lower);
}
