/**
 * The x87 80-bit `long double` arithmetic INCRBYFLOAT depends on. Redis parses both operands with
 * strtold, adds them as long doubles and stores printf("%.17Lf") with trailing zeros trimmed, so a
 * JS double would print 10.5+0.1 as 10.59999999999999964 where Redis prints 10.6. Values here are
 * exact binary numbers ±m·2^e with a 64-bit significand, rounded half-to-even as the FPU does;
 * BigInt carries the exact intermediate values (INCRBYFLOAT is not a hot path).
 */

/** A finite extended-precision value ±m·2^e (m < 2^64), or an infinity. */
export interface LongDouble {
  neg: boolean;
  m: bigint;
  e: number;
  inf: boolean;
}

/** Exponent of the smallest subnormal (2^-16445): no value has a unit below it. */
const MIN_EXP = -16445;
/** Every finite value is below 2^16384. */
const MAX_BITS = 16384;
const TWO64 = 1n << 64n;
const TEN17 = 10n ** 17n;

const ZERO: LongDouble = { neg: false, m: 0n, e: 0, inf: false };

/** Number of bits of a positive bigint. */
function bitLength(n: bigint): number {
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

function infinity(neg: boolean): LongDouble {
  return { neg, m: 0n, e: 0, inf: true };
}

/**
 * Rounds the exact value ±n·2^e (plus a non-zero remainder below it when `sticky`) to the nearest
 * long double, ties to even, with subnormals and overflow to infinity.
 */
function round(neg: boolean, n: bigint, e: number, sticky: boolean): LongDouble {
  if (n === 0n) return { neg, m: 0n, e: 0, inf: false };
  let shift = bitLength(n) - 64;
  if (e + shift < MIN_EXP) shift = MIN_EXP - e;
  if (shift > 0) {
    const s = BigInt(shift);
    let q = n >> s;
    const rem = n - (q << s);
    const half = 1n << (s - 1n);
    if (rem > half || (rem === half && (sticky || (q & 1n) === 1n))) q++;
    if (q === TWO64) {
      q >>= 1n;
      shift++;
    }
    n = q;
    e += shift;
  }
  if (n === 0n) return { neg, m: 0n, e: 0, inf: false };
  if (bitLength(n) + e > MAX_BITS) return infinity(neg);
  return { neg, m: n, e, inf: false };
}

const DEC_RE = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const HEX_RE = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/;
const INF_RE = /^([+-]?)(?:inf|infinity)$/i;

/** An exponent as a number, clamped far beyond any range that matters (avoids giant BigInts). */
function clampedExp(s: string | undefined): number {
  if (s === undefined) return 0;
  const v = Number(s);
  return v > 1e6 ? 1e6 : v < -1e6 ? -1e6 : v;
}

/**
 * Parses a string as Redis's string2ld does: strtold (decimal, hex floats, inf/infinity), rejecting
 * leading spaces, trailing garbage (an embedded NUL included), NaN, and results that overflow or
 * underflow to zero. Returns null when Redis would reply "not a valid float".
 */
export function parseLongDouble(s: string): LongDouble | null {
  if (s.length === 0 || s.length >= 5 * 1024) return null;
  let m = DEC_RE.exec(s);
  if (m !== null) {
    const int = m[2];
    const frac = m[3] ?? '';
    if (int.length === 0 && frac.length === 0) return null;
    const neg = m[1] === '-';
    const digits = (int + frac).replace(/^0+/, '');
    if (digits.length === 0) return { neg, m: 0n, e: 0, inf: false };
    const k = clampedExp(m[4]) - frac.length;
    // Decimal magnitude is in [10^(len-1+k), 10^(len+k)): out-of-range values never reach BigInt.
    if (digits.length - 1 + k >= 4933) return null; // above LDBL_MAX (1.19e4932): ERANGE
    if (digits.length + k < -4952) return null; // below half the smallest subnormal: ERANGE, zero
    const d = BigInt(digits);
    let r: LongDouble;
    if (k >= 0) {
      r = round(neg, d * 10n ** BigInt(k), 0, false);
    } else {
      const p = 10n ** BigInt(-k);
      const s2 = Math.max(0, 66 + bitLength(p) - bitLength(d));
      const num = d << BigInt(s2);
      const q = num / p;
      r = round(neg, q, -s2, num - q * p !== 0n);
    }
    return r.inf || r.m === 0n ? null : r;
  }
  m = HEX_RE.exec(s);
  if (m !== null) {
    const frac = m[3] ?? '';
    const hex = m[2] + frac;
    if (hex.length === 0) return null;
    const neg = m[1] === '-';
    const n = BigInt('0x' + hex);
    if (n === 0n) return { neg, m: 0n, e: 0, inf: false };
    const e = clampedExp(m[4]) - 4 * frac.length;
    const bits = bitLength(n) + e;
    if (bits > MAX_BITS || bits < MIN_EXP - 1) return null;
    const r = round(neg, n, e, false);
    return r.inf || r.m === 0n ? null : r;
  }
  m = INF_RE.exec(s);
  if (m !== null) return infinity(m[1] === '-');
  return null;
}

/** a + b rounded to long double; an infinite result stands for both overflow and NaN. */
export function addLongDouble(a: LongDouble, b: LongDouble): LongDouble {
  if (a.inf || b.inf) return infinity(a.inf ? a.neg : b.neg);
  if (a.m === 0n && b.m === 0n) return a.neg && b.neg ? a : ZERO;
  if (a.m === 0n) return b;
  if (b.m === 0n) return a;
  const e = Math.min(a.e, b.e);
  const x = a.m << BigInt(a.e - e);
  const y = b.m << BigInt(b.e - e);
  const sum = (a.neg ? -x : x) + (b.neg ? -y : y);
  if (sum === 0n) return ZERO; // x + (-x) is +0 when rounding to nearest
  return sum < 0n ? round(true, -sum, e, false) : round(false, sum, e, false);
}

/**
 * printf("%.17Lf") with trailing fractional zeros and a bare '.' removed, and "-0" printed as "0":
 * Redis's ld2string in LD_STR_HUMAN mode. glibc rounds the 17th decimal exactly, ties to even.
 */
export function formatLongDouble(v: LongDouble): string {
  if (v.inf) return v.neg ? '-inf' : 'inf';
  let s: string;
  if (v.e >= 0) {
    s = (v.m << BigInt(v.e)).toString();
  } else {
    const sh = BigInt(-v.e);
    const scaled = v.m * TEN17;
    let q = scaled >> sh;
    const rem = scaled - (q << sh);
    const half = 1n << (sh - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
    const digits = q.toString().padStart(18, '0');
    let end = digits.length;
    while (end > digits.length - 17 && digits.charCodeAt(end - 1) === 48) end--;
    const intPart = digits.slice(0, digits.length - 17);
    s = end > digits.length - 17 ? intPart + '.' + digits.slice(digits.length - 17, end) : intPart;
  }
  if (v.neg) s = s === '0' ? '0' : '-' + s;
  return s;
}
