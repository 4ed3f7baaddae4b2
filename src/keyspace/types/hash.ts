/**
 * The hash value. Small hashes are Redis's "listpack": every field and value packed, in insertion
 * order, into ONE flat latin1 string (a length header, then the bytes, per item). That is what keeps
 * 100k ten-field hashes within 2x Redis's memory: a Map per hash costs ~4.5x, and even a flat array
 * of strings pays a 16-24 byte header per item. Lookups scan linearly, as Redis does on a listpack.
 * Past hash-max-listpack-entries fields, or when a field or value is longer than
 * hash-max-listpack-value, the hash converts for good to a "hashtable" (a Map; order is then free,
 * as Redis's dict order is). The caller passes both limits (read from the config) on every write.
 */
import type { Collection } from './index';
import { reserve, headerSize, writeItem, itemLen, itemStart } from './packed';

/** The hashtable encoding: a Map that caches its field list for HRANDFIELD until the next write. */
class Table extends Map<string, string> {
  fields: string[] | null = null;
}

/** Offset of the header of the item after the one at `pos`. */
function skip(lp: string, pos: number): number {
  return itemStart(lp, pos) + itemLen(lp, pos);
}

/** Header offset of the field equal to `field` in a packed string, or -1. */
function find(lp: string, field: string): number {
  const flen = field.length;
  const end = lp.length;
  let pos = 0;
  while (pos < end) {
    const len = itemLen(lp, pos);
    const start = itemStart(lp, pos);
    if (len === flen && lp.startsWith(field, start)) return pos;
    pos = skip(lp, start + len); // past the value
  }
  return -1;
}

export class Hash implements Collection {
  /** Packed items (listpack) or a Map (hashtable). */
  private data: string | Table = '';
  /** Number of fields while packed. */
  private n = 0;

  get type(): 'hash' {
    return 'hash';
  }

  size(): number {
    return typeof this.data === 'string' ? this.n : this.data.size;
  }

  encoding(): string {
    return typeof this.data === 'string' ? 'listpack' : 'hashtable';
  }

  clone(): Hash {
    const h = new Hash();
    // Packed strings are immutable, so a copy can share it.
    h.data = typeof this.data === 'string' ? this.data : new Table(this.data);
    h.n = this.n;
    return h;
  }

  /** True while the hash is a listpack (fields in insertion order). */
  get packed(): boolean {
    return typeof this.data === 'string';
  }

  get(field: string): string | undefined {
    const d = this.data;
    if (typeof d !== 'string') return d.get(field);
    const pos = find(d, field);
    if (pos === -1) return undefined;
    const v = skip(d, pos);
    const start = itemStart(d, v);
    return d.slice(start, start + itemLen(d, v));
  }

  has(field: string): boolean {
    const d = this.data;
    return typeof d === 'string' ? find(d, field) !== -1 : d.has(field);
  }

  /** Byte length of a field's value (HSTRLEN), 0 when absent. */
  valueLength(field: string): number {
    const d = this.data;
    if (typeof d !== 'string') return d.get(field)?.length ?? 0;
    const pos = find(d, field);
    return pos === -1 ? 0 : itemLen(d, skip(d, pos));
  }

  /**
   * Sets a field; true if it is new. Converts to a hashtable first when the field or value is over
   * `maxValue` bytes, and after inserting when the hash holds more than `maxEntries` fields (Redis's
   * hashTypeSet). An updated field keeps its position.
   */
  set(field: string, value: string, maxEntries: number, maxValue: number): boolean {
    let d = this.data;
    if (typeof d === 'string' && (field.length > maxValue || value.length > maxValue)) d = this.convert();
    if (typeof d !== 'string') {
      d.fields = null;
      const before = d.size;
      d.set(field, value);
      return d.size !== before;
    }
    const pos = find(d, field);
    if (pos !== -1) {
      // Replace the value in place, moving the tail as Redis's lpReplace memmoves it.
      const v = skip(d, pos);
      const vEnd = skip(d, v);
      const itemSize = headerSize(value.length) + value.length;
      const newLen = d.length - (vEnd - v) + itemSize;
      const buf = reserve(Math.max(d.length, newLen));
      buf.latin1Write(d, 0, d.length);
      buf.copyWithin(v + itemSize, vEnd, d.length);
      writeItem(buf, v, value);
      this.data = buf.latin1Slice(0, newLen);
      return false;
    }
    const buf = reserve(d.length + headerSize(field.length) + field.length + headerSize(value.length) + value.length);
    let off = buf.latin1Write(d, 0, d.length);
    off = writeItem(buf, off, field);
    off = writeItem(buf, off, value);
    this.data = buf.latin1Slice(0, off);
    this.n++;
    if (this.n > maxEntries) this.convert();
    return true;
  }

  /** Removes a field; true if it existed. Packed hashes close the gap in place (order is kept). */
  delete(field: string): boolean {
    const d = this.data;
    if (typeof d !== 'string') {
      d.fields = null;
      return d.delete(field);
    }
    const pos = find(d, field);
    if (pos === -1) return false;
    const end = skip(d, skip(d, pos));
    this.data = pos === 0 && end === d.length ? '' : flat(d, pos, end);
    this.n--;
    return true;
  }

  /** Fields and values interleaved [f1, v1, f2, v2, …] in the hash's order. */
  flat(): string[] {
    const d = this.data;
    const out: string[] = [];
    if (typeof d !== 'string') {
      for (const [f, v] of d) out.push(f, v);
      return out;
    }
    for (let pos = 0; pos < d.length; ) {
      const len = itemLen(d, pos);
      const start = itemStart(d, pos);
      out.push(d.slice(start, start + len));
      pos = start + len;
    }
    return out;
  }

  /** Fields only (`which` 0) or values only (`which` 1), in the hash's order. */
  list(which: 0 | 1): string[] {
    const d = this.data;
    const out: string[] = [];
    if (typeof d !== 'string') {
      if (which === 0) for (const f of d.keys()) out.push(f);
      else for (const v of d.values()) out.push(v);
      return out;
    }
    let i = 0;
    for (let pos = 0; pos < d.length; i++) {
      const len = itemLen(d, pos);
      const start = itemStart(d, pos);
      if ((i & 1) === which) out.push(d.slice(start, start + len));
      pos = start + len;
    }
    return out;
  }

  /**
   * A random field index source for HRANDFIELD: the fields as an array (cached on hashtables until
   * the next write, so repeated calls on a big hash stay O(1)), with values fetched by `get`.
   */
  fieldArray(): string[] {
    const d = this.data;
    if (typeof d === 'string') return this.list(0);
    if (d.fields === null) d.fields = Array.from(d.keys());
    return d.fields;
  }

  /** The hashtable's live entry iterator (HSCAN cursors); only meaningful when not packed. */
  entries(): Iterator<[string, string]> {
    const d = this.data;
    return typeof d === 'string' ? pairs(this.flat()) : d.entries();
  }

  /** Converts to the hashtable encoding (never back, as in Redis). */
  private convert(): Table {
    const d = this.data;
    if (typeof d !== 'string') return d;
    const t = new Table();
    const items = this.flat();
    for (let i = 0; i < items.length; i += 2) t.set(items[i], items[i + 1]);
    this.data = t;
    this.n = 0;
    return t;
  }
}

/** `d` without the bytes [from, to), as a new flat string. */
function flat(d: string, from: number, to: number): string {
  const buf = reserve(d.length);
  buf.latin1Write(d, 0, d.length);
  buf.copyWithin(from, to, d.length);
  return buf.latin1Slice(0, d.length - (to - from));
}

function* pairs(items: string[]): Iterator<[string, string]> {
  for (let i = 0; i < items.length; i += 2) yield [items[i], items[i + 1]];
}
