/**
 * Reply encoding for RESP2 and RESP3. Handlers write straight into a connection's ReplyWriter, which
 * collects one latin1 string per read; the connection turns it into one Buffer and one socket write.
 * Strings are latin1 (one char per byte), so `s.length` is the byte length and data round-trips exactly.
 */
export const CRLF = '\r\n';
export const OK = '+OK\r\n';
export const QUEUED = '+QUEUED\r\n';
export const PONG = '+PONG\r\n';
export const ZERO = ':0\r\n';
export const ONE = ':1\r\n';
export const EMPTY_ARRAY = '*0\r\n';

export type Protocol = 2 | 3;

export class ReplyWriter {
  /** Pending output; the connection flushes and clears it. */
  buf = '';
  /** RESP version of the connection: decides the frames for maps, sets, doubles, nulls and pushes. */
  protocol: Protocol = 2;
  /**
   * Pub/sub frames queued ahead of `buf`. A message goes to every subscriber as the same string, so
   * queuing a reference (instead of `buf += frame` per receiver) allocates nothing per delivery; it
   * matters for fan-out, where every concatenation was a rope node kept alive until the flush.
   */
  frames: string[] | null = null;
  framesBytes = 0;

  /** Queues a pub/sub frame after everything already pending (kept in order with replies). */
  pushFrame(f: string): void {
    if (this.buf.length === 0) {
      if (this.frames === null) this.frames = [];
      this.frames.push(f);
      this.framesBytes += f.length;
    } else {
      this.buf += f;
    }
  }

  /** Bytes pending: queued frames and replies. */
  get pending(): number {
    return this.framesBytes + this.buf.length;
  }

  /** Everything pending, frames first, as one string; empties the writer. */
  take(): string {
    let data = this.buf;
    if (this.frames !== null) {
      data = this.frames.join('') + data;
      this.frames = null;
      this.framesBytes = 0;
    }
    this.buf = '';
    return data;
  }

  /** Drops everything pending (a killed or aborted client). */
  clear(): void {
    this.buf = '';
    this.frames = null;
    this.framesBytes = 0;
  }

  raw(s: string): void {
    this.buf += s;
  }

  ok(): void {
    this.buf += OK;
  }

  simple(s: string): void {
    this.buf += '+' + s + CRLF;
  }

  /** An error reply; `msg` carries its own prefix (ERR, WRONGTYPE, NOAUTH…). Newlines become spaces as in Redis. */
  error(msg: string): void {
    if (msg.indexOf('\n') !== -1 || msg.indexOf('\r') !== -1) msg = msg.replace(/[\r\n]/g, ' ');
    this.buf += '-' + msg + CRLF;
  }

  int(n: number | bigint): void {
    this.buf += ':' + n + CRLF;
  }

  bulk(s: string): void {
    this.buf += '$' + s.length + CRLF + s + CRLF;
  }

  /** A bulk string, or the null bulk when s is null/undefined. */
  bulkOrNull(s: string | null | undefined): void {
    if (s == null) this.nullBulk();
    else this.buf += '$' + s.length + CRLF + s + CRLF;
  }

  nullBulk(): void {
    this.buf += this.protocol === 3 ? '_\r\n' : '$-1\r\n';
  }

  nullArray(): void {
    this.buf += this.protocol === 3 ? '_\r\n' : '*-1\r\n';
  }

  array(n: number): void {
    this.buf += '*' + n + CRLF;
  }

  /** Map header: RESP3 `%n`, RESP2 a flat array of 2n items. */
  map(n: number): void {
    this.buf += this.protocol === 3 ? '%' + n + CRLF : '*' + 2 * n + CRLF;
  }

  /** Set header: RESP3 `~n`, RESP2 an array. */
  set(n: number): void {
    this.buf += (this.protocol === 3 ? '~' : '*') + n + CRLF;
  }

  /** Push header: RESP3 `>n` (out-of-band), RESP2 an array. */
  push(n: number): void {
    this.buf += (this.protocol === 3 ? '>' : '*') + n + CRLF;
  }

  bulkArray(items: readonly string[]): void {
    let s = '*' + items.length + CRLF;
    for (let i = 0; i < items.length; i++) s += '$' + items[i].length + CRLF + items[i] + CRLF;
    this.buf += s;
  }

  /** A double: RESP3 `,` frame, RESP2 a bulk string, both with Redis 7.0's %.17g formatting. */
  double(d: number): void {
    const s = formatDouble(d);
    if (this.protocol === 3) this.buf += ',' + s + CRLF;
    else this.buf += '$' + s.length + CRLF + s + CRLF;
  }

  bool(b: boolean): void {
    if (this.protocol === 3) this.buf += b ? '#t\r\n' : '#f\r\n';
    else this.buf += b ? ONE : ZERO;
  }

  /** Verbatim string (RESP3 `=`, e.g. INFO, CLIENT INFO); a bulk string in RESP2. */
  verbatim(s: string, format = 'txt'): void {
    if (this.protocol === 3) this.buf += '=' + (s.length + 4) + CRLF + format + ':' + s + CRLF;
    else this.buf += '$' + s.length + CRLF + s + CRLF;
  }
}

/** Formats a double as Redis 7.0's addReplyDouble: "%.17g", with inf / -inf. */
export function formatDouble(d: number): string {
  if (d === Infinity) return 'inf';
  if (d === -Infinity) return '-inf';
  if (Number.isNaN(d)) return 'nan';
  if (Number.isInteger(d) && Math.abs(d) < 1e17) return Object.is(d, -0) ? '-0' : String(d);
  return formatG(d, 17);
}

/** C's printf("%.{precision}g"): shortest of fixed/exponent at that many significant digits, zeros trimmed. */
export function formatG(d: number, precision: number): string {
  if (d === 0) return Object.is(d, -0) ? '-0' : '0';
  let s = d.toExponential(precision - 1); // d.ddddde+X, with exact exponent after rounding
  const e = parseInt(s.slice(s.indexOf('e') + 1), 10);
  if (e < -4 || e >= precision) {
    let [mant, ex] = s.split('e');
    if (mant.indexOf('.') !== -1) mant = mant.replace(/0+$/, '').replace(/\.$/, '');
    const sign = ex[0] === '-' ? '-' : '+';
    let digits = ex.replace(/^[+-]/, '');
    if (digits.length < 2) digits = '0' + digits;
    return mant + 'e' + sign + digits;
  }
  s = d.toFixed(Math.max(0, precision - 1 - e));
  if (s.indexOf('.') !== -1) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}
