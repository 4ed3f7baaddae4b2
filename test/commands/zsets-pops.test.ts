/**
 * Sorted-set pops against real Redis 7.0: ZPOPMIN / ZPOPMAX / ZMPOP reply shapes in RESP2 and
 * RESP3, their errors, key deletion and events, and the blocking forms BZPOPMIN / BZPOPMAX / BZMPOP:
 * immediate answers, timeouts, wake-ups by ZADD / ZINCRBY / Z*STORE in arrival order, MULTI, type
 * changes and CLIENT UNBLOCK.
 */
import { expect, same, eachServer, Conn } from '../helpers';
import { same3 } from '../helpers';
import { twin, resp3, sleep } from '../pubsub/util';
import { events } from '../keyspace/events';

async function blockedCount(ctl: Conn): Promise<number> {
  const info = await ctl.call('INFO', 'clients');
  if (typeof info === 'string' && info.includes('blocked_clients:')) return Number(/blocked_clients:(\d+)/.exec(info)![1]);
  return ctl.target.respite!.server.blocking.clients.size;
}

async function waitBlocked(ctl: Conn, n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((await blockedCount(ctl)) !== n) {
    if (Date.now() > deadline) throw new Error(`expected ${n} blocked clients, have ${await blockedCount(ctl)}`);
    await sleep(5);
  }
}

/** Sends a blocking command and waits until it is the n-th blocked client. */
async function block(ctl: Conn, c: Conn, n: number, ...cmd: string[]): Promise<void> {
  if (n === 1) await waitBlocked(ctl, 0);
  c.send(...cmd);
  await waitBlocked(ctl, n);
}

async function reply(c: Conn): Promise<string> {
  return (await c.frame(3000)).raw;
}

const setup = ['ZADD', 'z', '1', 'a', '2', 'b', '3', 'c', '4.5', 'd'];

describe('zsets: ZPOPMIN / ZPOPMAX / ZMPOP', () => {
  same(
    'pops from either end, with and without COUNT; the key goes with its last member',
    setup, ['ZPOPMIN', 'z'], ['ZPOPMAX', 'z'], ['ZPOPMIN', 'z', '0'], ['ZPOPMAX', 'z', '1'], ['ZPOPMIN', 'z', '10'], ['EXISTS', 'z'], ['ZPOPMIN', 'z'], ['ZPOPMIN', 'z', '3'],
  );
  same(
    'ZPOPMIN errors: count must be a non-negative integer; extra args are a syntax error',
    setup, ['ZPOPMIN', 'z', '-1'], ['ZPOPMIN', 'z', 'x'], ['ZPOPMIN', 'z', '1', '2'], ['ZPOPMAX', 'no', '-1'], ['ZPOPMIN', 'no', '0'], ['ZCARD', 'z'],
  );
  same(
    'ZMPOP picks the first non-empty key and replies [key, [[member, score]...]]',
    setup, ['ZADD', 'y', '7', 'x'], ['ZMPOP', '3', 'no', 'z', 'y', 'MIN'], ['ZMPOP', '2', 'y', 'z', 'max', 'COUNT', '5'], ['ZMPOP', '1', 'z', 'MAX', 'COUNT', '10'], ['ZMPOP', '2', 'z', 'y', 'MIN'], ['EXISTS', 'y', 'z'],
  );
  same(
    'ZMPOP argument errors',
    setup, ['ZMPOP', 'x', 'z', 'MIN'], ['ZMPOP', '0', 'z', 'MIN'], ['ZMPOP', '-1', 'z', 'MIN'], ['ZMPOP', '2', 'z', 'MIN'], ['ZMPOP', '1', 'z', 'MID'], ['ZMPOP', '1', 'z', 'MIN', 'COUNT'],
    ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '0'], ['ZMPOP', '1', 'z', 'MIN', 'COUNT', 'x'], ['ZMPOP', '1', 'z', 'MIN', 'COUNT', '1', 'COUNT', '1'], ['ZMPOP', '1', 'z', 'MIN', 'FOO'], ['ZCARD', 'z'],
  );
  same3(
    'RESP3 shapes: a single pop is flat, COUNT nests pairs, ZMPOP nests, misses are null',
    setup, ['ZPOPMIN', 'z'], ['ZPOPMIN', 'z', '1'], ['ZPOPMAX', 'z', '2'], ['ZPOPMIN', 'no'], ['ZPOPMIN', 'no', '2'], ['ZADD', 'z', '1', 'a', '2', 'b'], ['ZMPOP', '1', 'z', 'MIN'], ['ZMPOP', '1', 'no', 'MIN'],
    ['BZPOPMIN', 'z', '0'], ['ZADD', 'z', '3', 'c'], ['BZMPOP', '0', '1', 'z', 'MIN'], ['ZADD', 'z', '1', 'a'], ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '3'],
  );
  eachServer('pops emit zpopmin/zpopmax once per call, then del', async (c, open) => {
    await c.call(...setup);
    const got = await events(c, open, 'KEA', async () => {
      await c.call('ZPOPMIN', 'z', '2');
      await c.call('ZPOPMIN', 'z', '0');
      await c.call('ZMPOP', '1', 'z', 'MAX');
      await c.call('BZPOPMAX', 'z', '0');
    });
    expect(got).to.deep.equal([
      '__keyspace@0__:z zpopmin', '__keyevent@0__:zpopmin z',
      '__keyspace@0__:z zpopmax', '__keyevent@0__:zpopmax z',
      '__keyspace@0__:z zpopmax', '__keyevent@0__:zpopmax z',
      '__keyspace@0__:z del', '__keyevent@0__:del z',
    ]);
  });
  eachServer('popping from a large set walks the tree ends', async (c) => {
    const cmd = ['ZADD', 'z'];
    for (let i = 0; i < 2000; i++) cmd.push(String(i % 97), 'm' + i);
    await c.call(...cmd);
    const lo = (await c.call('ZPOPMIN', 'z', '500')) as string[];
    const hi = (await c.call('ZPOPMAX', 'z', '500')) as string[];
    const rest = (await c.call('ZRANGE', 'z', '0', '-1', 'WITHSCORES')) as string[];
    const all = [...lo, ...rest, ...hi.reduceRight<string[]>((acc, _, i) => (i % 2 === 0 ? acc.concat(hi[i], hi[i + 1]) : acc), [])];
    expect(all).to.have.length(4000);
    for (let i = 2; i < all.length; i += 2) {
      const [ps, s] = [Number(all[i - 1]), Number(all[i + 1])];
      expect(ps < s || (ps === s && all[i - 2] < all[i])).to.equal(true);
    }
  });
});

describe('zsets: blocking pops, immediate answers', () => {
  same(
    'BZPOPMIN / BZPOPMAX pop at once from the first non-empty key; BZMPOP likewise',
    setup, ['ZADD', 'y', '9', 'q'], ['BZPOPMIN', 'no', 'z', 'y', '0'], ['BZPOPMAX', 'y', 'z', '1'], ['BZMPOP', '0', '2', 'no', 'z', 'MAX', 'COUNT', '2'], ['EXISTS', 'y'],
  );
  same(
    'errors: timeout first for BZPOP*, numkeys/where/count before the timeout for BZMPOP',
    ['SET', 's', 'v'], ['BZPOPMIN', 's', 'x'], ['BZPOPMIN', 'no', '-1'], ['BZPOPMIN', 'no', 'inf'], ['BZPOPMIN', 'no', '1e400'], ['BZPOPMIN', 's', '0'], ['BZPOPMIN', 'no', 's', '0'],
    ['BZMPOP', 'x', '0', 'z', 'MIN'], ['BZMPOP', 'x', '1', 'z', 'MID'], ['BZMPOP', '-1', '1', 'z', 'MIN'], ['BZMPOP', 'x', '1', 'z', 'MIN'], ['BZMPOP', '0', '1', 'z', 'MIN', 'COUNT', '0'],
    ['BZMPOP', '0', '1', 's', 'MIN'], ['BZMPOP', '0', '2', 'no', 's', 'MIN'],
  );
  same(
    'inside MULTI they answer like the non-blocking forms',
    ['MULTI'], ['BZPOPMIN', 'x', '0'], ['BZMPOP', '0', '1', 'x', 'MIN'], ['ZADD', 'x', '1', 'a'], ['BZPOPMAX', 'x', '0'], ['EXEC'],
  );
  eachServer('a fractional timeout ends with a null array (null in RESP3)', async (c) => {
    const t0 = Date.now();
    expect(await c.raw('BZPOPMIN', 'a', 'b', '0.05')).to.equal('*-1\r\n');
    expect(await c.raw('BZMPOP', '0.05', '1', 'a', 'MIN')).to.equal('*-1\r\n');
    const elapsed = Date.now() - t0;
    expect(elapsed).to.be.at.least(90);
    expect(elapsed).to.be.below(800);
    await resp3(c);
    expect(await c.raw('BZPOPMAX', 'a', '0.02')).to.equal('_\r\n');
  });
});

describe('zsets: blocking pops, wake-ups', () => {
  twin('ZADD serves blocked clients in arrival order, each from the ready key', async (c, open) => {
    const ws: Conn[] = [];
    for (let i = 0; i < 3; i++) {
      ws.push(await open());
      await block(c, ws[i], i + 1, i === 1 ? 'BZPOPMAX' : 'BZPOPMIN', 'k', '0');
    }
    const out = [await c.raw('ZADD', 'k', '1', 'a', '2', 'b', '3', 'c', '4', 'd')];
    for (const w of ws) out.push(await reply(w));
    out.push(await c.raw('ZRANGE', 'k', '0', '-1', 'WITHSCORES'));
    return out;
  });

  twin('several keys: a later ZADD serves from the key that got members', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BZPOPMIN', 'k1', 'k2', 'k3', '0');
    const out = [await c.raw('ZADD', 'k3', '5', 'x'), await reply(w)];
    await block(c, w, 1, 'BZMPOP', '0', '2', 'k1', 'k2', 'MAX', 'COUNT', '2');
    out.push(await c.raw('ZADD', 'k2', '1', 'p', '2', 'q', '3', 'r'), await reply(w), await c.raw('ZRANGE', 'k2', '0', '-1'));
    return out;
  });

  twin('keys made ready inside EXEC are served in the order they became ready', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BZPOPMIN', 'k1', 'k2', '0');
    const out = [await c.raw('MULTI'), await c.raw('ZADD', 'k2', '1', 'x'), await c.raw('ZADD', 'k1', '1', 'y'), await c.raw('EXEC'), await reply(w)];
    out.push(await c.raw('EXISTS', 'k1'), await c.raw('EXISTS', 'k2'));
    return out;
  });

  twin('ZINCRBY, ZUNIONSTORE and ZRANGESTORE wake blocked clients too', async (c, open) => {
    const [a, b, d] = [await open(), await open(), await open()];
    await c.call('ZADD', 'src', '1', 'm', '2', 'n');
    await block(c, a, 1, 'BZPOPMIN', 'i', '0');
    await block(c, b, 2, 'BZPOPMAX', 'u', '0');
    await block(c, d, 3, 'BZMPOP', '0', '1', 'r', 'MIN', 'COUNT', '5');
    return [
      await c.raw('ZINCRBY', 'i', '3', 'x'), await reply(a),
      await c.raw('ZUNIONSTORE', 'u', '1', 'src', 'WEIGHTS', '2'), await reply(b),
      await c.raw('ZRANGESTORE', 'r', 'src', '0', '-1'), await reply(d),
      await c.raw('ZRANGE', 'u', '0', '-1', 'WITHSCORES'), await c.raw('EXISTS', 'r'),
    ];
  });

  twin('a served ZADD is never visible; the blocked client of a list key stays blocked', async (c, open) => {
    const [w, l] = [await open(), await open()];
    await block(c, w, 1, 'BZPOPMIN', 'k', '0');
    await block(c, l, 2, 'BLPOP', 'k', '0.3');
    c.write('*4\r\n$4\r\nZADD\r\n$1\r\nk\r\n$1\r\n1\r\n$1\r\nx\r\n*2\r\n$5\r\nZCARD\r\n$1\r\nk\r\n');
    const out = [(await c.frame()).raw, (await c.frame()).raw, await reply(w)];
    out.push(await reply(l));
    return out;
  });

  twin('a key that became a string keeps a BZPOPMIN client blocked until a zset is there', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BZPOPMIN', 'k', '0');
    const out = [await c.raw('SET', 'k', 'v'), String(await w.hasFrame(50)), await c.raw('DEL', 'k'), await c.raw('ZADD', 'k', '2', 'z'), await reply(w)];
    return out;
  });

  twin('RESP3 blocked clients get RESP3 replies', async (c, open) => {
    const w = await open();
    await resp3(w);
    await block(c, w, 1, 'BZPOPMIN', 'k', '0');
    const out = [await c.raw('ZADD', 'k', '1.5', 'x'), await reply(w)];
    await block(c, w, 1, 'BZMPOP', '0', '1', 'k', 'MAX', 'COUNT', '2');
    out.push(await c.raw('ZADD', 'k', '1', 'a', '2', 'b'), await reply(w));
    return out;
  });

  twin('CLIENT UNBLOCK ends a blocked pop with a null array or an UNBLOCKED error', async (c, open) => {
    const w = await open();
    const id = String(await w.call('CLIENT', 'ID'));
    await block(c, w, 1, 'BZPOPMIN', 'k', '0');
    const out = [await c.raw('CLIENT', 'UNBLOCK', id), await reply(w)];
    await block(c, w, 1, 'BZMPOP', '0', '1', 'k', 'MIN');
    out.push(await c.raw('CLIENT', 'UNBLOCK', id, 'ERROR'), await reply(w));
    return out;
  });
});

describe('zsets: blocking pops on the server clock (Respite only)', () => {
  eachServer('a BZPOPMIN timeout follows the server clock', async (c, open) => {
    const r = c.target.respite;
    if (r === undefined) return;
    const w = await open();
    r.clock.freeze();
    try {
      await block(c, w, 1, 'BZPOPMIN', 'k', '100');
      await sleep(50);
      expect(await w.hasFrame(10)).to.equal(false);
      r.clock.advance(100_001);
      expect(await reply(w)).to.equal('*-1\r\n');
    } finally {
      r.clock.resume();
    }
  });
});
