/**
 * The order-statistics tree under sorted sets, checked against a plain sorted array: random inserts,
 * deletes, ranks, bound counts and positions, with the structural invariants verified as it grows
 * and shrinks across many leaves and levels.
 */
import { expect } from 'chai';
import { ZSet } from '../../src/keyspace/types/zset';
import { ScoreTree, Below } from '../../src/keyspace/types/zset-tree';

const LIM = { entries: 128, value: 64 };

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

describe('zset order tree', () => {
  for (const [space, steps] of [[3000, 40000], [40000, 160000]]) it(`matches a sorted array through random inserts and deletes (${space} members)`, () => {
    const r = rng(space);
    const z = new ZSet();
    const ref = new Map<string, number>();
    for (let step = 0; step < steps; step++) {
      const m = 'm' + Math.floor(r() * space);
      const op = r();
      if (op < (step < steps / 2 ? 0.8 : 0.3)) {
        const s = Math.floor(r() * 50);
        const old = z.score(m);
        if (old === undefined) z.add(m, s, LIM);
        else z.rescore(m, old, s);
        ref.set(m, s);
      } else {
        expect(z.delete(m)).to.equal(ref.delete(m));
      }
      if (step % 8000 === 0 || step > steps - 50) {
        z.verify();
        const sorted = [...ref.entries()].sort(cmp);
        expect([...z.entries()]).to.deep.equal(sorted);
        for (let k = 0; k < 20 && sorted.length; k++) {
          const i = Math.floor(r() * sorted.length);
          expect(z.rank(sorted[i][0])).to.equal(i);
          const p = z.at(i);
          expect(ZSet.member(p)).to.equal(sorted[i][0]);
          const x = Math.floor(r() * 52) - 1;
          expect(z.countBelow(Below.ScoreLt, x, '')).to.equal(sorted.filter((e) => e[1] < x).length);
          expect(z.countBelow(Below.ScoreLe, x, '')).to.equal(sorted.filter((e) => e[1] <= x).length);
        }
      }
    }
    // Drain through pops from both ends.
    while (z.length > 0) {
      const p = z.length % 2 ? z.first() : z.last();
      z.deleteAt(p);
      if (z.length % 5000 === 0) z.verify();
    }
    z.verify();
    expect([...z.entries()]).to.deep.equal([]);
  });

  it('bulk-loads sorted input into a valid tree', () => {
    const ms: string[] = [];
    const ss: number[] = [];
    for (let i = 0; i < 100000; i++) {
      ms.push('k' + i);
      ss.push(i);
    }
    const z = ZSet.fromEntries(ms, ss, LIM);
    z.verify();
    expect(z.rank('k77777')).to.equal(77777);
    expect(z.encoding()).to.equal('skiplist');
    const c = z.clone();
    c.verify();
    expect(c.delete('k5')).to.equal(true);
    expect(z.score('k5')).to.equal(5);
    expect(ScoreTree.next(z.at(99999))).to.equal(false);
  });

  it('lex bounds count members among equal scores', () => {
    const z = new ZSet();
    for (const m of ['a', 'b', 'bb', 'c', 'd']) z.add(m, 0, LIM);
    expect(z.countBelow(Below.LexLt, 0, 'b')).to.equal(1);
    expect(z.countBelow(Below.LexLe, 0, 'b')).to.equal(2);
    expect(z.countBelow(Below.LexLe, 0, 'zz')).to.equal(5);
  });
});
