/**
 * A test-side RESP2/RESP3 reply reader. It splits the byte stream into whole reply frames (kept raw,
 * so Respite and Redis can be compared byte for byte) and decodes them into plain values.
 */
export class ReplyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReplyError';
  }
}

/** A RESP3 push frame (pub/sub messages on a RESP3 connection). */
export class Push {
  constructor(public items: unknown[]) {}
}

/** RESP3 verbatim string, kept apart from plain bulk strings. */
export class Verbatim {
  constructor(public format: string, public text: string) {}
}

export type Decoded = unknown;

/** Returns [value, endOffset] for a complete frame at `pos`, or null if incomplete. */
export function decodeFrame(buf: Buffer, pos: number): [Decoded, number] | null {
  if (pos >= buf.length) return null;
  const type = String.fromCharCode(buf[pos]);
  const lf = buf.indexOf(10, pos);
  if (lf === -1) return null;
  const line = buf.latin1Slice(pos + 1, lf - 1);
  const next = lf + 1;
  switch (type) {
    case '+':
      return [line, next];
    case '-':
      return [new ReplyError(line), next];
    case ':':
      return [toNumber(line), next];
    case '(':
      return [BigInt(line), next];
    case ',':
      return [line === 'inf' ? Infinity : line === '-inf' ? -Infinity : line === 'nan' ? NaN : Number(line), next];
    case '#':
      return [line === 't', next];
    case '_':
      return [null, next];
    case '$':
    case '=':
    case '!': {
      const len = Number(line);
      if (len < 0) return [null, next];
      if (buf.length < next + len + 2) return null;
      const s = buf.latin1Slice(next, next + len);
      if (type === '!') return [new ReplyError(s), next + len + 2];
      if (type === '=') return [new Verbatim(s.slice(0, 3), s.slice(4)), next + len + 2];
      return [s, next + len + 2];
    }
    case '*':
    case '~':
    case '>':
    case '%':
    case '|': {
      const n = Number(line);
      if (n < 0) return [null, next];
      const count = type === '%' || type === '|' ? n * 2 : n;
      const items: unknown[] = [];
      let p = next;
      for (let i = 0; i < count; i++) {
        const r = decodeFrame(buf, p);
        if (r === null) return null;
        items.push(r[0]);
        p = r[1];
      }
      if (type === '>') return [new Push(items), p];
      if (type === '%' || type === '|') {
        const m = new Map<unknown, unknown>();
        for (let i = 0; i < items.length; i += 2) m.set(items[i], items[i + 1]);
        return [type === '|' ? { attributes: m } : m, p];
      }
      if (type === '~') return [new Set(items), p];
      return [items, p];
    }
    default:
      throw new Error(`bad reply type byte ${JSON.stringify(type)} at ${pos}: ${buf.latin1Slice(pos, pos + 40)}`);
  }
}

function toNumber(s: string): number | bigint {
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : BigInt(s);
}
