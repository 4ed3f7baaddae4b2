/**
 * Reply comparison for the differential fuzz test. Replies are compared as raw RESP bytes; a mode
 * relaxes only what is legitimately nondeterministic between two correct servers (hash-table
 * iteration order, random picks, clock skew between the two servers on TTLs).
 */

/** A parsed reply frame that keeps its raw bytes. */
export interface Node {
  /** The type byte: + - : $ * % ~ , # _ ( = ! > | */
  type: string;
  /** The header line after the type byte (count, length or simple value). */
  line: string;
  raw: string;
  children: Node[];
}

/**
 * How two replies are judged equal:
 * - exact: byte for byte;
 * - unordered: an aggregate's elements as a multiset (sets in hash-table order);
 * - pairs: an aggregate's (field, value) pairs as a multiset (HGETALL of a hash table, RESP3 maps);
 * - shape: errors exact, otherwise type, element count and nullness only (random picks);
 * - scan / scan-pairs: errors exact; when both cursors are 0 the items as a multiset, else shape;
 * - ttl: integers within `tol` of each other (negative values exact).
 */
export type Mode = 'exact' | 'unordered' | 'pairs' | 'shape' | 'scan' | 'scan-pairs' | { ttl: number };

/** Parses one complete frame. */
export function parse(raw: string): Node {
  const [node, end] = parseAt(raw, 0);
  if (end !== raw.length) throw new Error(`trailing bytes after frame: ${JSON.stringify(raw.slice(end, end + 40))}`);
  return node;
}

function parseAt(s: string, pos: number): [Node, number] {
  const type = s[pos];
  const lf = s.indexOf('\r\n', pos);
  if (lf === -1) throw new Error('incomplete frame');
  const line = s.slice(pos + 1, lf);
  let end = lf + 2;
  const children: Node[] = [];
  switch (type) {
    case '$':
    case '=':
    case '!': {
      const n = Number(line);
      if (n >= 0) end += n + 2;
      break;
    }
    case '*':
    case '~':
    case '>':
    case '%':
    case '|': {
      const n = Number(line);
      const count = n < 0 ? 0 : type === '%' || type === '|' ? 2 * n : n;
      for (let i = 0; i < count; i++) {
        const [child, e] = parseAt(s, end);
        children.push(child);
        end = e;
      }
      break;
    }
    default:
      break;
  }
  return [{ type, line, raw: s.slice(pos, end), children }, end];
}

const AGGREGATE = new Set(['*', '~', '%', '>']);

/** Elements of an aggregate as a sorted list of raw strings (pairs joined when `pairs`). */
function bag(n: Node, pairs: boolean): string[] {
  const out: string[] = [];
  if (pairs) {
    for (let i = 0; i + 1 < n.children.length; i += 2) out.push(n.children[i].raw + n.children[i + 1].raw);
    // An odd element (malformed pair list) must still count.
    if (n.children.length % 2) out.push(n.children[n.children.length - 1].raw);
  } else {
    for (const c of n.children) out.push(c.raw);
  }
  return out.sort();
}

function sameBag(a: Node, b: Node, pairs: boolean): boolean {
  if (a.type !== b.type || a.line !== b.line) return false;
  const x = bag(a, pairs || a.type === '%');
  const y = bag(b, pairs || b.type === '%');
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function sameShape(a: Node, b: Node): boolean {
  if (a.type === '-' || b.type === '-' || a.type === '!' || b.type === '!') return a.raw === b.raw;
  if (a.type !== b.type) return false;
  if (AGGREGATE.has(a.type)) return a.line === b.line;
  if (a.type === '$') return (a.line === '-1') === (b.line === '-1');
  return true;
}

/** True when the two raw replies are equal under `mode`. */
export function sameReply(mode: Mode, rawA: string, rawB: string): boolean {
  if (rawA === rawB) return true;
  if (mode === 'exact') return false;
  const a = parse(rawA);
  const b = parse(rawB);
  if (typeof mode === 'object') {
    if (a.type !== ':' || b.type !== ':') return false;
    const x = Number(a.line);
    const y = Number(b.line);
    if (x < 0 || y < 0) return false;
    return Math.abs(x - y) <= mode.ttl;
  }
  switch (mode) {
    case 'unordered':
    case 'pairs':
      return AGGREGATE.has(a.type) && sameBag(a, b, mode === 'pairs');
    case 'shape':
      return sameShape(a, b);
    case 'scan':
    case 'scan-pairs': {
      if (!sameShape(a, b) || a.type !== '*' || a.children.length !== 2 || b.children.length !== 2) return false;
      const done = (n: Node) => n.children[0].raw === '$1\r\n0\r\n';
      if (done(a) && done(b)) return sameBag(a.children[1], b.children[1], mode === 'scan-pairs');
      return true;
    }
  }
  return false;
}

/** A readable one-line rendering of a raw reply for failure messages. */
export function show(raw: string): string {
  const s = JSON.stringify(raw);
  return s.length > 400 ? s.slice(0, 400) + '…"' : s;
}
