/**
 * The ordered half of a skiplist-encoded sorted set: a B+tree keyed by (score, member) whose inner
 * nodes keep the element count of every child, so rank → element, element → rank, score/lex bound →
 * rank, insert and delete are all O(log n) — the job Redis gives its skip list with spans. Leaves
 * are parallel arrays of members and scores linked both ways (range walks need no parent stack),
 * which is far more compact in V8 than one object per element as a skip list node would be.
 *
 * Order: by score, then by member bytes (latin1 strings compare bytewise with `<`, like memcmp).
 */

/** Elements per leaf before it splits; a zset up to this size is one leaf. */
const LEAF_CAP = 128;
/** Children per inner node before it splits. */
const INNER_CAP = 64;

/** A run of consecutive elements in order. */
export class Leaf {
  next: Leaf | null = null;
  prev: Leaf | null = null;
  constructor(
    public m: string[],
    public s: number[],
  ) {}
}

/** An inner node: children with their element counts and the lower-bound key of each child (index 0 unused). */
class Inner {
  constructor(
    public kids: TreeNode[],
    public cnt: number[],
    public ks: number[],
    public km: string[],
  ) {}
}

type TreeNode = Leaf | Inner;

/** Bound kinds for countBelow: which elements count as "before" the bound. */
export const enum Below {
  /** score < x */
  ScoreLt,
  /** score <= x */
  ScoreLe,
  /** member < x */
  LexLt,
  /** member <= x */
  LexLe,
}

/** A position in the element order: leaf and index (index === leaf.m.length only at the end). */
export interface Pos {
  leaf: Leaf;
  i: number;
}

/** True if key (s1, m1) sorts before (s2, m2). */
function lessKey(s1: number, m1: string, s2: number, m2: string): boolean {
  return s1 < s2 || (s1 === s2 && m1 < m2);
}

function isBefore(kind: Below, x: number, str: string, s: number, m: string): boolean {
  switch (kind) {
    case Below.ScoreLt:
      return s < x;
    case Below.ScoreLe:
      return s <= x;
    case Below.LexLt:
      return m < str;
    default:
      return m <= str;
  }
}

/** Index of the first element of the leaf not before (s, m). */
function leafLowerBound(leaf: Leaf, s: number, m: string): number {
  let lo = 0;
  let hi = leaf.m.length;
  const ls = leaf.s;
  const lm = leaf.m;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lessKey(ls[mid], lm[mid], s, m)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The child of an inner node whose key range holds (s, m): the last child whose lower bound is <= key. */
function childFor(node: Inner, s: number, m: string): number {
  let lo = 1;
  let hi = node.kids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (lessKey(s, m, node.ks[mid], node.km[mid])) hi = mid;
    else lo = mid + 1;
  }
  return lo - 1;
}

/** Array insert without splice's result-array allocation (leaves are small). */
function insertAt<T>(a: T[], at: number, v: T): void {
  let i = a.length;
  if (i === at) {
    a.push(v);
    return;
  }
  a.push(a[i - 1]);
  for (i--; i > at; i--) a[i] = a[i - 1];
  a[at] = v;
}

/** Array removal without splice's result-array allocation. */
function removeAt<T>(a: T[], at: number): void {
  const n = a.length - 1;
  for (let i = at; i < n; i++) a[i] = a[i + 1];
  a.length = n;
}

function nodeCount(n: TreeNode): number {
  if (n instanceof Leaf) return n.m.length;
  let t = 0;
  for (const c of n.cnt) t += c;
  return t;
}

/** The ordered element store of a sorted set. Members are unique; the caller enforces it. */
export class ScoreTree {
  private root: TreeNode;
  /** First and last leaves (equal while the tree is one leaf). */
  private head: Leaf;
  private tail: Leaf;
  /** Number of elements. */
  length = 0;

  constructor() {
    this.head = this.tail = new Leaf([], []);
    this.root = this.head;
  }

  /** Inserts an element that is not present. */
  insert(s: number, m: string): void {
    const split = this.ins(this.root, s, m);
    if (split !== null) {
      const old = this.root;
      this.root = new Inner([old, split], [nodeCount(old), nodeCount(split)], [0, firstScore(split)], ['', firstMember(split)]);
    }
    this.length++;
  }

  private ins(node: TreeNode, s: number, m: string): TreeNode | null {
    if (node instanceof Leaf) {
      const at = leafLowerBound(node, s, m);
      insertAt(node.m, at, m);
      insertAt(node.s, at, s);
      if (node.m.length <= LEAF_CAP) return null;
      const half = node.m.length >>> 1;
      const right = new Leaf(node.m.splice(half), node.s.splice(half));
      right.prev = node;
      right.next = node.next;
      if (node.next !== null) node.next.prev = right;
      else this.tail = right;
      node.next = right;
      return right;
    }
    const i = childFor(node, s, m);
    node.cnt[i]++;
    const split = this.ins(node.kids[i], s, m);
    if (split === null) return null;
    const n = nodeCount(split);
    node.cnt[i] -= n;
    node.kids.splice(i + 1, 0, split);
    node.cnt.splice(i + 1, 0, n);
    node.ks.splice(i + 1, 0, firstScore(split));
    node.km.splice(i + 1, 0, firstMember(split));
    if (node.kids.length <= INNER_CAP) return null;
    const half = node.kids.length >>> 1;
    return new Inner(node.kids.splice(half), node.cnt.splice(half), node.ks.splice(half), node.km.splice(half));
  }

  /** Removes an element; false if it was not there. */
  remove(s: number, m: string): boolean {
    if (!this.rem(this.root, s, m)) return false;
    this.length--;
    if (this.length === 0) {
      this.head = this.tail = new Leaf([], []);
      this.root = this.head;
      return true;
    }
    let r = this.root;
    while (r instanceof Inner && r.kids.length === 1) r = r.kids[0];
    this.root = r;
    return true;
  }

  private rem(node: TreeNode, s: number, m: string): boolean {
    if (node instanceof Leaf) {
      const at = leafLowerBound(node, s, m);
      if (at >= node.m.length || node.m[at] !== m || node.s[at] !== s) return false;
      removeAt(node.m, at);
      removeAt(node.s, at);
      return true;
    }
    const i = childFor(node, s, m);
    if (!this.rem(node.kids[i], s, m)) return false;
    node.cnt[i]--;
    this.rebalance(node, i);
    return true;
  }

  /**
   * Merges child i with a neighbour when both fit in one node. Any two adjacent children then hold
   * more than a node's capacity, which keeps nodes at least half full on average and the tree shallow.
   */
  private rebalance(node: Inner, i: number): void {
    if (node.cnt[i] === 0) {
      // An empty child goes away whole (a merge is not always possible next to a full node).
      const kid = node.kids[i];
      if (kid instanceof Leaf) this.unlink(kid);
      node.kids.splice(i, 1);
      node.cnt.splice(i, 1);
      node.ks.splice(i, 1);
      node.km.splice(i, 1);
      return;
    }
    if (node.kids.length < 2) return;
    const j = i + 1 < node.kids.length ? i + 1 : i - 1;
    const l = Math.min(i, j);
    const r = l + 1;
    const left = node.kids[l];
    const right = node.kids[r];
    if (left instanceof Leaf) {
      const rl = right as Leaf;
      if (left.m.length + rl.m.length > LEAF_CAP) return;
      for (let k = 0; k < rl.m.length; k++) {
        left.m.push(rl.m[k]);
        left.s.push(rl.s[k]);
      }
      this.unlink(rl);
    } else {
      const ri = right as Inner;
      if (left.kids.length + ri.kids.length > INNER_CAP) return;
      // The right node's first child takes the parent's separator for the right node.
      ri.ks[0] = node.ks[r];
      ri.km[0] = node.km[r];
      for (let k = 0; k < ri.kids.length; k++) {
        left.kids.push(ri.kids[k]);
        left.cnt.push(ri.cnt[k]);
        left.ks.push(ri.ks[k]);
        left.km.push(ri.km[k]);
      }
    }
    node.cnt[l] += node.cnt[r];
    node.kids.splice(r, 1);
    node.cnt.splice(r, 1);
    node.ks.splice(r, 1);
    node.km.splice(r, 1);
  }

  /** Takes a leaf out of the chain. */
  private unlink(leaf: Leaf): void {
    if (leaf.prev !== null) leaf.prev.next = leaf.next;
    else if (leaf.next !== null) this.head = leaf.next;
    if (leaf.next !== null) leaf.next.prev = leaf.prev;
    else if (leaf.prev !== null) this.tail = leaf.prev;
  }

  /** 0-based rank of a present element (the number of elements before it). */
  rankOf(s: number, m: string): number {
    let node = this.root;
    let rank = 0;
    while (node instanceof Inner) {
      const i = childFor(node, s, m);
      for (let k = 0; k < i; k++) rank += node.cnt[k];
      node = node.kids[i];
    }
    return rank + leafLowerBound(node, s, m);
  }

  /** Number of elements before a score or lex bound (the rank of the first element not before it). */
  countBelow(kind: Below, x: number, str: string): number {
    // Lex bounds move forward while the next key is before the bound, as Redis's skip list descent
    // does: the same answer as a binary search when members are ordered (one score throughout), and
    // the closest analogue of Redis's when they are not (lex ranges over mixed scores).
    const scan = kind === Below.LexLt || kind === Below.LexLe;
    let node = this.root;
    let rank = 0;
    while (node instanceof Inner) {
      // Largest i >= 1 whose lower bound is before the bound; everything in earlier children is too.
      let lo = 1;
      let hi = node.kids.length;
      if (scan) {
        while (lo < hi && isBefore(kind, x, str, node.ks[lo], node.km[lo])) lo++;
      } else {
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (isBefore(kind, x, str, node.ks[mid], node.km[mid])) lo = mid + 1;
          else hi = mid;
        }
      }
      const i = lo - 1;
      for (let k = 0; k < i; k++) rank += node.cnt[k];
      node = node.kids[i];
    }
    let lo = 0;
    let hi = node.m.length;
    if (scan) {
      while (lo < hi && isBefore(kind, x, str, node.s[lo], node.m[lo])) lo++;
    } else {
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (isBefore(kind, x, str, node.s[mid], node.m[mid])) lo = mid + 1;
        else hi = mid;
      }
    }
    return rank + lo;
  }

  /** The position of the element at a rank (0 <= rank < length). */
  at(rank: number): Pos {
    let node = this.root;
    while (node instanceof Inner) {
      let i = 0;
      while (rank >= node.cnt[i]) rank -= node.cnt[i++];
      node = node.kids[i];
    }
    return { leaf: node, i: rank };
  }

  /** Steps a position forward; false at the end. */
  static next(p: Pos): boolean {
    if (++p.i < p.leaf.m.length) return true;
    if (p.leaf.next === null) return false;
    p.leaf = p.leaf.next;
    p.i = 0;
    return true;
  }

  /** Every element in order (scores and members of one leaf at a time). */
  *entries(): IterableIterator<[string, number]> {
    for (let l: Leaf | null = this.head; l !== null; l = l.next) {
      for (let i = 0; i < l.m.length; i++) yield [l.m[i], l.s[i]];
    }
  }

  /** Builds the tree from elements already in order, packing leaves full (bulk load for stores and copies). */
  load(ms: string[], ss: number[]): void {
    const n = ms.length;
    this.length = n;
    if (n <= LEAF_CAP) {
      this.head = this.tail = new Leaf(ms, ss);
      this.root = this.head;
      return;
    }
    let level: TreeNode[] = [];
    let prev: Leaf | null = null;
    for (let i = 0; i < n; i += LEAF_CAP) {
      const leaf = new Leaf(ms.slice(i, i + LEAF_CAP), ss.slice(i, i + LEAF_CAP));
      leaf.prev = prev;
      if (prev !== null) prev.next = leaf;
      else this.head = leaf;
      prev = leaf;
      level.push(leaf);
    }
    this.tail = prev!;
    while (level.length > 1) {
      const up: TreeNode[] = [];
      for (let i = 0; i < level.length; i += INNER_CAP) {
        const kids = level.slice(i, i + INNER_CAP);
        up.push(new Inner(kids, kids.map(nodeCount), kids.map(firstScore), kids.map(firstMember)));
      }
      level = up;
    }
    this.root = level[0];
  }

  /** Checks the structural invariants (tests only): counts, order, links, separators. */
  verify(): void {
    const walk = (n: TreeNode, lo: [number, string] | null): number => {
      if (n instanceof Leaf) {
        for (let i = 0; i < n.m.length; i++) {
          if (i > 0 && !lessKey(n.s[i - 1], n.m[i - 1], n.s[i], n.m[i])) throw new Error('leaf out of order');
          if (lo !== null && lessKey(n.s[i], n.m[i], lo[0], lo[1])) throw new Error('element below separator');
        }
        return n.m.length;
      }
      let t = 0;
      for (let i = 0; i < n.kids.length; i++) {
        const c = walk(n.kids[i], i === 0 ? lo : [n.ks[i], n.km[i]]);
        if (c !== n.cnt[i]) throw new Error(`count mismatch ${c} != ${n.cnt[i]}`);
        t += c;
      }
      return t;
    };
    if (walk(this.root, null) !== this.length) throw new Error('length mismatch');
    let n = 0;
    let prevKey: [number, string] | null = null;
    for (let l: Leaf | null = this.head, p: Leaf | null = null; l !== null; p = l, l = l.next) {
      if (l.prev !== p) throw new Error('broken prev link');
      if (l.next === null && l !== this.tail) throw new Error('tail mismatch');
      for (let i = 0; i < l.m.length; i++) {
        if (prevKey !== null && !lessKey(prevKey[0], prevKey[1], l.s[i], l.m[i])) throw new Error('chain out of order');
        prevKey = [l.s[i], l.m[i]];
        n++;
      }
    }
    if (n !== this.length) throw new Error('chain length mismatch');
  }
}

function firstLeaf(n: TreeNode): Leaf {
  while (n instanceof Inner) n = n.kids[0];
  return n;
}

function firstScore(n: TreeNode): number {
  return firstLeaf(n).s[0];
}

function firstMember(n: TreeNode): string {
  return firstLeaf(n).m[0];
}
