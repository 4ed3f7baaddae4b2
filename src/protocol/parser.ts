/**
 * Request parser: RESP multibulk and inline commands, with Redis's limits and protocol error texts.
 * Hand-written (see docs/architecture.md): it parses straight from the socket's Buffers into latin1
 * strings, keeps its state across reads so a request may be split at any byte, and never concatenates
 * the chunks of a large bulk more than once.
 */
const CR = 13;
const LF = 10;
/** Redis's PROTO_INLINE_MAX_SIZE: an inline request or a length line may not exceed 64 KB. */
export const INLINE_MAX = 64 * 1024;
const MBULK_MAX = 1024 * 1024 * 1024; // Redis accepts multibulk counts up to INT_MAX; bounded by bulk reads anyway

export interface ParserLimits {
  /** proto-max-bulk-len */
  maxBulkLen: number;
  /** client-query-buffer-limit */
  queryBufferLimit: number;
  /** True while the client still has to AUTH: Redis then caps lengths to stop memory attacks. */
  unauthenticated: () => boolean;
}

export class RequestParser {
  private buf: Buffer = Buffer.alloc(0);
  private pos = 0;
  /** Chunks held back until a large bulk is complete, so it is concatenated once. */
  private pending: Buffer[] = [];
  private pendingLen = 0;
  /** Bytes needed from `pos` before parsing can progress (0 = unknown). */
  private need = 0;
  // Multibulk state kept between reads.
  private argv: string[] | null = null;
  private argsLeft = 0;
  private bulkLen = -1;
  /** Set when a protocol error was found; the connection replies with it and closes. */
  error: string | null = null;

  constructor(private limits: ParserLimits) {}

  /** Bytes received but not parsed yet (the query buffer). */
  get buffered(): number {
    return this.buf.length - this.pos + this.pendingLen;
  }

  feed(chunk: Buffer): void {
    if (this.pendingLen > 0 || (this.need > 0 && this.buf.length - this.pos + chunk.length < this.need)) {
      this.pending.push(chunk);
      this.pendingLen += chunk.length;
      if (this.buf.length - this.pos + this.pendingLen < this.need) return;
      const parts = [this.buf.subarray(this.pos), ...this.pending];
      this.buf = Buffer.concat(parts);
      this.pending = [];
      this.pendingLen = 0;
    } else if (this.pos >= this.buf.length) {
      this.buf = chunk;
    } else {
      this.buf = Buffer.concat([this.buf.subarray(this.pos), chunk]);
    }
    this.pos = 0;
  }

  /** True when the query buffer grew past client-query-buffer-limit (Redis closes such clients). */
  overLimit(): boolean {
    return this.buffered > this.limits.queryBufferLimit;
  }

  /** Returns the next complete command, or null when more bytes are needed (or `error` is set). */
  next(): string[] | null {
    for (;;) {
      if (this.error !== null) return null;
      if (this.argv === null) {
        if (this.pendingLen > 0 || this.pos >= this.buf.length) return null;
        if (this.buf[this.pos] === 42 /* '*' */) {
          if (!this.startMultibulk()) return null;
          if (this.argv === null) continue; // empty or negative count: nothing to run
        } else {
          const argv = this.inline();
          if (argv === null) return null;
          if (argv.length === 0) continue;
          return argv;
        }
      }
      const argv = this.readBulks();
      if (argv !== null) return argv;
      return null;
    }
  }

  private startMultibulk(): boolean {
    const buf = this.buf;
    const cr = buf.indexOf(CR, this.pos);
    if (cr === -1 || cr + 1 >= buf.length) {
      if (buf.length - this.pos > INLINE_MAX) this.error = 'Protocol error: too big mbulk count string';
      return false;
    }
    const n = parseLength(buf, this.pos + 1, cr);
    if (n === null || n > MBULK_MAX) {
      this.error = 'Protocol error: invalid multibulk length';
      return false;
    }
    if (n > 10 && this.limits.unauthenticated()) {
      this.error = 'Protocol error: unauthenticated multibulk length';
      return false;
    }
    this.pos = cr + 2;
    if (n <= 0) return true;
    this.argv = [];
    this.argsLeft = n;
    this.bulkLen = -1;
    return true;
  }

  private readBulks(): string[] | null {
    const buf = this.buf;
    const argv = this.argv as string[];
    while (this.argsLeft > 0) {
      if (this.bulkLen === -1) {
        if (this.pos >= buf.length) return null;
        const cr = buf.indexOf(CR, this.pos);
        if (cr === -1 || cr + 1 >= buf.length) {
          if (buf.length - this.pos > INLINE_MAX) this.error = 'Protocol error: too big bulk count string';
          return null;
        }
        if (buf[this.pos] !== 36 /* '$' */) {
          this.error = `Protocol error: expected '$', got '${String.fromCharCode(buf[this.pos])}'`;
          return null;
        }
        const len = parseLength(buf, this.pos + 1, cr);
        if (len === null || len < 0 || len > this.limits.maxBulkLen) {
          this.error = 'Protocol error: invalid bulk length';
          return null;
        }
        if (len > 16384 && this.limits.unauthenticated()) {
          this.error = 'Protocol error: unauthenticated bulk length';
          return null;
        }
        this.pos = cr + 2;
        this.bulkLen = len;
      }
      if (buf.length - this.pos < this.bulkLen + 2) {
        this.need = this.bulkLen + 2;
        return null;
      }
      this.need = 0;
      argv.push(buf.latin1Slice(this.pos, this.pos + this.bulkLen));
      this.pos += this.bulkLen + 2;
      this.bulkLen = -1;
      this.argsLeft--;
    }
    this.argv = null;
    return argv;
  }

  private inline(): string[] | null {
    const buf = this.buf;
    const lf = buf.indexOf(LF, this.pos);
    if (lf === -1) {
      if (buf.length - this.pos > INLINE_MAX) this.error = 'Protocol error: too big inline request';
      return null;
    }
    let end = lf;
    if (end > this.pos && buf[end - 1] === CR) end--;
    const line = buf.latin1Slice(this.pos, end);
    this.pos = lf + 1;
    const argv = splitArgs(line);
    if (argv === null) {
      this.error = 'Protocol error: unbalanced quotes in request';
      return null;
    }
    return argv;
  }
}

/** Parses a decimal length the way Redis's string2ll does (optional '-', no '+', no spaces). */
function parseLength(buf: Buffer, start: number, end: number): number | null {
  if (start >= end || end - start > 20) return null;
  let i = start;
  let neg = false;
  if (buf[i] === 45 /* '-' */) {
    neg = true;
    i++;
    if (i === end) return null;
  }
  if (buf[i] === 48 && end - i > 1) return null; // leading zero
  let n = 0;
  for (; i < end; i++) {
    const c = buf[i] - 48;
    if (c < 0 || c > 9) return null;
    n = n * 10 + c;
  }
  return neg ? -n : n;
}

function isSpace(c: string): boolean {
  return c === ' ' || c === '\n' || c === '\r' || c === '\t' || c === '\v' || c === '\f';
}

function hexVal(c: string): number {
  return parseInt(c, 16);
}

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

/** Redis's sdssplitargs: whitespace-separated words, "double quotes" with escapes, 'single quotes'. Null when unbalanced. */
export function splitArgs(line: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const n = line.length;
  for (;;) {
    while (i < n && isSpace(line[i])) i++;
    if (i >= n) return out;
    let cur = '';
    let inq = false;
    let insq = false;
    for (;;) {
      const c = line[i];
      if (inq) {
        if (i >= n) return null;
        if (c === '\\' && line[i + 1] === 'x' && isHex(line[i + 2]) && isHex(line[i + 3])) {
          cur += String.fromCharCode(hexVal(line[i + 2]) * 16 + hexVal(line[i + 3]));
          i += 3;
        } else if (c === '\\' && i + 1 < n) {
          i++;
          const e = line[i];
          cur += e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === 'b' ? '\b' : e === 'a' ? '\x07' : e;
        } else if (c === '"') {
          if (i + 1 < n && !isSpace(line[i + 1])) return null;
          i++;
          break;
        } else {
          cur += c;
        }
      } else if (insq) {
        if (i >= n) return null;
        if (c === '\\' && line[i + 1] === "'") {
          i++;
          cur += "'";
        } else if (c === "'") {
          if (i + 1 < n && !isSpace(line[i + 1])) return null;
          i++;
          break;
        } else {
          cur += c;
        }
      } else {
        if (i >= n || isSpace(c)) break;
        if (c === '"') inq = true;
        else if (c === "'") insq = true;
        else cur += c;
      }
      i++;
    }
    out.push(cur);
  }
}
