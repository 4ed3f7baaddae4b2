/**
 * The sorted-set value checked against a plain sorted array: random adds, rescores, deletes, range
 * deletes and pops, with ranks, bound counts, positions and slices compared as it grows and shrinks,
 * in the packed listpack form and across many tree leaves and levels, with the structural
 * invariants verified along the way.
 */
import { expect } from 'chai';
import { ZSet } from '../../src/keyspace/types/zset';
import { Below } from '../../src/keyspace/types/zset-tree';

/** Deterministic PRNG so a failure reproduces. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

function cmp(a: [string, number], b: [string, number]): number {
  return a[1] - b[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
}

/** [label, member space, steps, listpack entry limit] */
const CASES: Array<[string, number, number, number]> = [
  ['listpack only', 300, 6000, 100000],
  ['listpack converting to a shallow tree', 3000, 40000, 128],
  ['deep tree', 40000, 160000, 0],
];

describe('zset value (packed listpack and order tree)', () => {
  for (const [label, space, steps, entries] of CASES) {
    it(`matches a sorted array through random writes (${label})`, () => {
      const lim = { entries, value: 64 };
      const r = rng(space);
      const z = ZSet.create(2, lim);
      const ref = new Map<string, number>();
      const sortedRef = () => [...ref.entries()].sort(cmp);
      for (let step = 0; step < steps; step++) {
        // Members with a long one now and then (header over 1 byte in the packed form).
        const k = Math.floor(r() * space);
        const m = k % 97 === 0 ? 'L'.repeat(300) + k : 'm' + k;
        const op = r();
        if (op < (step < steps / 2 ? 0.8 : 0.3)) {
          const s = Math.floor(r() * 50) - (k % 5 === 0 ? 0.5 : 0);
          const old = z.score(m);
          if (old === undefined) z.add(m, s, { entries, value: 1000 });
          else if (old !== s) z.rescore(m, old, s);
          ref.set(m, s);
        } else if (op < 0.98 || z.length === 0) {
          expect(z.delete(m)).to.equal(ref.delete(m));
        } else if (op < 0.99) {
          const [pm, ps] = z.pop(op < 0.985);
          expect(ref.get(pm)).to.equal(ps);
          ref.delete(pm);
        } else {
          // The removed members are read through slice (checked against the reference below).
          const first = Math.floor(r() * z.length);
          const n = Math.min(z.length - first, 1 + Math.floor(r() * 20));
          const [gone] = z.slice(first, n);
          z.deleteRange(first, n);
          for (const g of gone) expect(ref.delete(g)).to.equal(true);
        }
        expect(z.length).to.equal(ref.size);
        if (step % Math.floor(steps / 20) === 0 || step > steps - 3) {
          z.verify();
          const sorted = sortedRef();
          expect([...z.entries()]).to.deep.equal(sorted);
          for (let j = 0; j < 20 && sorted.length; j++) {
            const i = Math.floor(r() * sorted.length);
            expect(z.rank(sorted[i][0])).to.equal(i);
            expect(z.entryAt(i)).to.deep.equal(sorted[i]);
            const n = Math.min(5, sorted.length - i);
            const [ms, ss] = z.slice(i, n);
            expect(ms).to.deep.equal(sorted.slice(i, i + n).map((e) => e[0]));
            expect(ss).to.deep.equal(sorted.slice(i, i + n).map((e) => e[1]));
            const x = Math.floor(r() * 52) - 1;
            expect(z.countBelow(Below.ScoreLt, x, '')).to.equal(sorted.filter((e) => e[1] < x).length);
            expect(z.countBelow(Below.ScoreLe, x, '')).to.equal(sorted.filter((e) => e[1] <= x).length);
          }
        }
      }
      while (z.length > 0) {
        const [pm] = z.pop(z.length % 2 === 0);
        expect(ref.delete(pm)).to.equal(true);
      }
      z.verify();
      expect([...z.entries()]).to.deep.equal([]);
    });
  }

  it('bulk-builds sorted input and clones it', () => {
    const ms: string[] = [];
    const ss: number[] = [];
    for (let i = 0; i < 100000; i++) {
      ms.push('k' + i);
      ss.push(i);
    }
    const z = ZSet.fromEntries(ms, ss, { entries: 128, value: 64 });
    z.verify();
    expect(z.rank('k77777')).to.equal(77777);
    expect(z.encoding()).to.equal('skiplist');
    const c = z.clone();
    c.verify();
    expect(c.delete('k5')).to.equal(true);
    expect(z.score('k5')).to.equal(5);
    expect(c.length).to.equal(99999);
  });

  it('lex bounds count members among equal scores, packed or not', () => {
    for (const entries of [128, 0]) {
      const z = ZSet.create(1, { entries, value: 64 });
      for (const m of ['a', 'b', 'bb', 'c', 'd']) z.add(m, 0, { entries, value: 64 });
      expect(z.encoding()).to.equal(entries ? 'listpack' : 'skiplist');
      expect(z.countBelow(Below.LexLt, 0, 'b')).to.equal(1);
      expect(z.countBelow(Below.LexLe, 0, 'b')).to.equal(2);
      expect(z.countBelow(Below.LexLe, 0, 'zz')).to.equal(5);
      expect(z.countBelow(Below.LexLt, 0, '')).to.equal(0);
    }
  });

  it('a packed set stores -0 as 0, binary members and infinities exactly', () => {
    const lim = { entries: 128, value: 64 };
    const z = ZSet.create(1, lim);
    z.add('\x00\xff', -0, lim);
    z.add('a', -Infinity, lim);
    z.add('b', Infinity, lim);
    z.add('c', 1e-310, lim);
    expect(Object.is(z.score('\x00\xff'), 0)).to.equal(true);
    expect([...z.entries()]).to.deep.equal([['a', -Infinity], ['\x00\xff', 0], ['c', 1e-310], ['b', Infinity]]);
  });
});
