/**
 * The packed-string layout shared by the compact ("listpack") encodings of hashes and sorted sets:
 * items laid end to end in one latin1 string, each a length header (one byte, or 0xFF and a 4-byte
 * big-endian length for items of 255 bytes or more) followed by its bytes.
 */

/** Header byte announcing a 4-byte big-endian length (items of 255 bytes or more). */
export const LONG = 255;

/** Shared buffer in which packed strings are assembled (grown on demand; used synchronously only). */
let scratch = Buffer.allocUnsafe(4096);

/** Packed strings past this size are assembled in a one-off buffer, so the shared one stays small. */
const SCRATCH_MAX = 1 << 16;

/** A buffer of at least n bytes to assemble a packed string in (the shared one when it fits). */
export function reserve(n: number): Buffer {
  if (n > SCRATCH_MAX) return Buffer.allocUnsafeSlow(n);
  if (scratch.length < n) scratch = Buffer.allocUnsafe(SCRATCH_MAX);
  return scratch;
}

/** Bytes the header of an item of `len` bytes takes. */
export function headerSize(len: number): number {
  return len < LONG ? 1 : 5;
}

/** Writes an item (header + bytes) at `off`; returns the offset after it. */
export function writeItem(buf: Buffer, off: number, s: string): number {
  const len = s.length;
  if (len < LONG) {
    buf[off++] = len;
  } else {
    buf[off++] = LONG;
    buf.writeUInt32BE(len, off);
    off += 4;
  }
  return off + buf.latin1Write(s, off, len);
}

/** Length of the item whose header is at `pos`. */
export function itemLen(lp: string, pos: number): number {
  const h = lp.charCodeAt(pos);
  if (h !== LONG) return h;
  return lp.charCodeAt(pos + 1) * 0x1000000 + ((lp.charCodeAt(pos + 2) << 16) | (lp.charCodeAt(pos + 3) << 8) | lp.charCodeAt(pos + 4));
}

/** Offset of the first byte of the item whose header is at `pos`. */
export function itemStart(lp: string, pos: number): number {
  return lp.charCodeAt(pos) === LONG ? pos + 5 : pos + 1;
}
