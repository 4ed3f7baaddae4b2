/**
 * Blocking list commands against real Redis: immediate answers and errors, timeout parsing and
 * timing (real time on both servers, bounded), first-come first-served wake-ups, served pushes never
 * visible to others, MULTI/EXEC, disconnects, type changes, BLMOVE chains and loops, pipelines
 * behind a blocked command, and Respite-only cases driven by the server clock.
 */
import { expect, same, eachServer, Conn, ReplyError } from '../helpers';
import { twin, resp3, serverSide, sleep } from '../pubsub/util';

/** Number of blocked clients the server reports (INFO clients; Respite's registry while INFO is absent). */
async function blockedCount(ctl: Conn): Promise<number> {
  const info = await ctl.call('INFO', 'clients');
  if (typeof info === 'string' && info.includes('blocked_clients:')) return Number(/blocked_clients:(\d+)/.exec(info)![1]);
  const r = ctl.target.respite;
  if (r === undefined) throw new Error('INFO clients without blocked_clients');
  return r.server.blocking.clients.size;
}

/** Waits until the server has n blocked clients (so commands sent next are ordered after the blocks). */
async function waitBlocked(ctl: Conn, n: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((await blockedCount(ctl)) !== n) {
    if (Date.now() > deadline) throw new Error(`expected ${n} blocked clients, have ${await blockedCount(ctl)}`);
    await sleep(5);
  }
}

/** Sends a blocking command and waits until the server has registered it as the n-th blocked client. */
async function block(ctl: Conn, c: Conn, n: number, ...cmd: Array<string | number>): Promise<void> {
  // The first block of a case first waits for the clients of earlier cases to be gone (closing is asynchronous).
  if (n === 1) await waitBlocked(ctl, 0);
  c.send(...cmd);
  await waitBlocked(ctl, n);
}

/** The raw reply of a client that was blocked. */
async function reply(c: Conn): Promise<string> {
  return (await c.frame(3000)).raw;
}

describe('blocking lists: immediate answers and errors', () => {
  same('BLPOP / BRPOP pop at once from the first non-empty key in argument order',
    ['RPUSH', 'b', 'x', 'y'], ['RPUSH', 'c', 'z'], ['BLPOP', 'a', 'b', 'c', '0'], ['BRPOP', 'a', 'c', 'b', '1'], ['BRPOP', 'b', '0'], ['EXISTS', 'b']);
  same('BLMPOP / BLMOVE / BRPOPLPUSH answer at once when the source has elements',
    ['RPUSH', 'b', '1', '2', '3'], ['BLMPOP', '0', '2', 'a', 'b', 'RIGHT', 'COUNT', '2'], ['BLMOVE', 'b', 'c', 'LEFT', 'RIGHT', '0'], ['BRPOPLPUSH', 'c', 'd', '0'],
    ['LRANGE', 'd', '0', '-1'], ['EXISTS', 'b', 'c']);
  same('timeout errors: negative, not a float, nan, spaces, infinities and int64 overflow',
    ['BLPOP', 'a', '-1'], ['BLPOP', 'a', 'x'], ['BLPOP', 'a', 'nan'], ['BLPOP', 'a', ' 1'], ['BLPOP', 'a', '1 '], ['BLPOP', 'a', ''], ['BLPOP', 'a', 'inf'], ['BLPOP', 'a', '-inf'],
    ['BLPOP', 'a', 'INFINITY'], ['BLPOP', 'a', '1e400'], ['BLPOP', 'a', '1e5000'], ['BLPOP', 'a', '9999999999999999'], ['BLPOP', 'a', '99999999999999999999'], ['BLPOP', 'a', '1e'],
    ['BLPOP', 'a', '.'], ['BLPOP', 'a', '0x'], ['BLPOP', 'a', '-0.002'], ['BLPOP', 'a', '-1e-2']);
  same('the timeout is parsed before the key types', ['SET', 's', 'x'], ['BLPOP', 's', 'x'], ['BLMOVE', 's', 'b', 'LEFT', 'LEFT', 'x'], ['BRPOPLPUSH', 's', 'b', '-1'], ['BLPOP', 's', '0'], ['BLPOP', 'a', 's', '0.01'], ['BRPOP', 's', 'a', '0']);
  same('BLMOVE / BRPOPLPUSH errors: directions first, WRONGTYPE source', ['SET', 's', 'x'], ['BLMOVE', 'a', 'b', 'mid', 'left', 'x'], ['BLMOVE', 'a', 'b', 'left', 'up', '0'],
    ['BLMOVE', 's', 'b', 'left', 'left', '0'], ['BRPOPLPUSH', 's', 'b', '0'], ['RPUSH', 'a', '1'], ['BLMOVE', 'a', 's', 'left', 'left', '0'], ['LRANGE', 'a', '0', '-1']);
  same('BLMPOP errors: numkeys, direction and count before the timeout',
    ['BLMPOP', 'x', '0', 'a', 'LEFT'], ['BLMPOP', 'x', '1', 'a', 'mid'], ['BLMPOP', '-1', '1', 'a', 'mid'], ['BLMPOP', 'x', '1', 'a', 'LEFT', 'COUNT', '0'], ['BLMPOP', '-1', '1', 'a', 'LEFT'],
    ['BLMPOP', 'x', '1', 'a', 'LEFT'], ['BLMPOP', '0', '2', 'a', 'LEFT'], ['BLMPOP', '0', '1', 'a', 'LEFT', 'COUNT', '1', 'COUNT', '1'], ['BLMPOP', '0'], ['BLPOP', 'a']);
  same('inside MULTI every blocking command answers like its non-blocking form',
    ['MULTI'], ['BLPOP', 'x', '0'], ['BRPOP', 'x', 'y', '0'], ['BLMOVE', 'x', 'y', 'LEFT', 'LEFT', '0'], ['BLMPOP', '0', '1', 'x', 'LEFT'], ['BRPOPLPUSH', 'x', 'y', '0'],
    ['RPUSH', 'x', 'v'], ['BLPOP', 'x', '0'], ['EXEC']);
});

describe('blocking lists: timeouts (real time, both servers)', () => {
  for (const [cmd, label] of [
    [['BLPOP', 'a', 'b', '0.05'], 'BLPOP'],
    [['BRPOP', 'a', '0.05'], 'BRPOP'],
    [['BLMOVE', 'a', 'b', 'LEFT', 'RIGHT', '0.05'], 'BLMOVE'],
    [['BRPOPLPUSH', 'a', 'b', '0.05'], 'BRPOPLPUSH'],
    [['BLMPOP', '0.05', '2', 'a', 'b', 'LEFT', 'COUNT', '3'], 'BLMPOP'],
  ] as Array<[string[], string]>) {
    eachServer(`${label} times out after a fractional timeout with a null array`, async (c) => {
      const t0 = Date.now();
      expect(await c.raw(...cmd)).to.equal('*-1\r\n');
      const elapsed = Date.now() - t0;
      expect(elapsed).to.be.at.least(45);
      expect(elapsed).to.be.below(400);
    });
  }

  eachServer('RESP3: a timeout is a null', async (c) => {
    await resp3(c);
    expect(await c.raw('BLPOP', 'a', '0.02')).to.equal('_\r\n');
    expect(await c.raw('BLMOVE', 'a', 'b', 'LEFT', 'LEFT', '0.02')).to.equal('_\r\n');
  });

  eachServer('odd timeout spellings: hex floats, exponents, tiny values round up to 1 ms', async (c) => {
    for (const t of ['0x1p-4', '.5e-1', '+0.01', '1e-9', '0.0001']) {
      const t0 = Date.now();
      expect(await c.raw('BLPOP', 'a', t), t).to.equal('*-1\r\n');
      expect(Date.now() - t0, t).to.be.below(400);
    }
  });

  eachServer('0, -0 and negative timeouts above -1 ms (-0.001 in long double) wait forever', async (c, open) => {
    const ctl = await open();
    const waiters: Conn[] = [];
    for (const t of ['0', '-0', '-0.0001', '0.0', '-0.001']) {
      const w = await open();
      waiters.push(w);
      await block(ctl, w, waiters.length, 'BLPOP', 'k', t);
    }
    await sleep(150);
    for (const w of waiters) expect(await w.hasFrame(10)).to.equal(false);
    expect(await ctl.call('RPUSH', 'k', '1', '2', '3', '4', '5')).to.equal(5);
    for (let i = 0; i < waiters.length; i++) expect(await reply(waiters[i])).to.equal(`*2\r\n$1\r\nk\r\n$1\r\n${i + 1}\r\n`);
  });

  eachServer('a push before the timeout serves the client; the timeout then never fires', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BLPOP', 'k', '0.2');
    await c.call('RPUSH', 'k', 'v');
    expect(await reply(w)).to.equal('*2\r\n$1\r\nk\r\n$1\r\nv\r\n');
    await sleep(300);
    expect(await w.hasFrame(10)).to.equal(false);
    expect(await w.call('PING')).to.equal('PONG');
  });
});

describe('blocking lists: serving order and visibility', () => {
  twin('five clients blocked on one key get five pushes in arrival order', async (c, open) => {
    const ws: Conn[] = [];
    for (let i = 0; i < 5; i++) {
      ws.push(await open());
      await block(c, ws[i], i + 1, i % 2 ? 'BRPOP' : 'BLPOP', 'k', '0');
    }
    const out: string[] = [];
    for (let i = 0; i < 5; i++) out.push(String(await c.call('RPUSH', 'k', 'e' + i)));
    for (const w of ws) out.push(await reply(w));
    out.push(String(await c.call('EXISTS', 'k')));
    return out;
  });

  twin('one push of five elements serves five blocked clients in order', async (c, open) => {
    const ws: Conn[] = [];
    for (let i = 0; i < 5; i++) {
      ws.push(await open());
      await block(c, ws[i], i + 1, 'BLPOP', 'k', '0');
    }
    const out = [String(await c.call('RPUSH', 'k', '1', '2', '3', '4', '5', '6'))];
    for (const w of ws) out.push(await reply(w));
    out.push(JSON.stringify(await c.call('LRANGE', 'k', '0', '-1')));
    return out;
  });

  twin('LPUSH a b c: the first blocked client gets c, the second b, a stays', async (c, open) => {
    const [a, b] = [await open(), await open()];
    await block(c, a, 1, 'BLPOP', 'l', '0');
    await block(c, b, 2, 'BLPOP', 'l', '0');
    return [await c.raw('LPUSH', 'l', 'a', 'b', 'c'), await reply(a), await reply(b), await c.raw('LRANGE', 'l', '0', '-1')];
  });

  twin('a push taken by a blocked client is never visible: LLEN 0 in the same pipeline', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BLPOP', 'k', '0');
    c.write('*3\r\n$5\r\nLPUSH\r\n$1\r\nk\r\n$1\r\nx\r\n*2\r\n$4\r\nLLEN\r\n$1\r\nk\r\n*2\r\n$6\r\nEXISTS\r\n$1\r\nk\r\n');
    const out: string[] = [];
    for (let i = 0; i < 3; i++) out.push((await c.frame()).raw);
    out.push(await reply(w));
    return out;
  });

  twin('several keys: immediate data wins by argument order, a later push by the key that got it', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BLPOP', 'k1', 'k2', 'k3', '0');
    const out = [await c.raw('RPUSH', 'k3', 'x'), await reply(w)];
    await block(c, w, 1, 'BRPOP', 'k1', 'k2', '0');
    out.push(await c.raw('RPUSH', 'k2', 'y'), await reply(w));
    return out;
  });

  twin('keys made ready inside one EXEC are served in the order they became ready', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BLPOP', 'k1', 'k2', '0');
    const out = [await c.raw('MULTI'), await c.raw('RPUSH', 'k2', 'x'), await c.raw('RPUSH', 'k1', 'y'), await c.raw('EXEC'), await reply(w)];
    out.push(await c.raw('LRANGE', 'k1', '0', '-1'), await c.raw('EXISTS', 'k2'));
    return out;
  });

  twin('a push inside MULTI wakes the blocked client only after EXEC', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BLPOP', 'k', '0');
    const out = [await c.raw('MULTI'), await c.raw('RPUSH', 'k', 'x'), await c.raw('LLEN', 'k')];
    out.push(String(await w.hasFrame(50)));
    out.push(await c.raw('EXEC'), await reply(w), await c.raw('LLEN', 'k'));
    return out;
  });

  twin('a ready key deleted in the same EXEC keeps the client blocked until the next push', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BLPOP', 'k', '0');
    const out = [await c.raw('MULTI'), await c.raw('RPUSH', 'k', 'x'), await c.raw('DEL', 'k'), await c.raw('EXEC')];
    out.push(String(await w.hasFrame(50)));
    out.push(await c.raw('RPUSH', 'k', 'y'), await reply(w));
    return out;
  });

  twin('BLPOP k k waits once and is served once', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BLPOP', 'k', 'k', '0');
    return [await c.raw('RPUSH', 'k', 'a', 'b'), await reply(w), await c.raw('LRANGE', 'k', '0', '-1')];
  });

  twin('BLMPOP served by a push pops COUNT elements from the ready key', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BLMPOP', '0', '2', 'a', 'b', 'RIGHT', 'COUNT', '2');
    return [await c.raw('RPUSH', 'b', '1', '2', '3'), await reply(w), await c.raw('LRANGE', 'b', '0', '-1')];
  });

  twin('commands pipelined behind a blocking command run after it is served', async (c, open) => {
    const w = await open();
    w.write('*3\r\n$5\r\nBLPOP\r\n$1\r\nk\r\n$1\r\n0\r\n*2\r\n$4\r\nECHO\r\n$5\r\nafter\r\n*2\r\n$4\r\nLLEN\r\n$1\r\nk\r\n');
    await waitBlocked(c, 1);
    const early = await w.hasFrame(50);
    const out = [String(early), await c.raw('RPUSH', 'k', 'v', 'w')];
    for (let i = 0; i < 3; i++) out.push(await reply(w));
    return out;
  });

  twin('RESP3 clients get the same served replies', async (c, open) => {
    const w = await open();
    await resp3(w);
    await block(c, w, 1, 'BLMPOP', '0', '1', 'k', 'LEFT');
    const out = [await c.raw('RPUSH', 'k', 'v'), await reply(w)];
    await block(c, w, 1, 'BLMOVE', 'k', 'd', 'LEFT', 'LEFT', '0');
    out.push(await c.raw('RPUSH', 'k', 'v'), await reply(w));
    return out;
  });
});

describe('blocking lists: moves, types, disconnects', () => {
  twin('BLMOVE from a list to itself', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BLMOVE', 's', 's', 'LEFT', 'RIGHT', '0');
    return [await c.raw('RPUSH', 's', 'v'), await reply(w), await c.raw('LRANGE', 's', '0', '-1')];
  });

  twin('a BLMOVE served by a push feeds a client blocked on its destination', async (c, open) => {
    const [a, b] = [await open(), await open()];
    await block(c, a, 1, 'BLMOVE', 's', 'd', 'LEFT', 'RIGHT', '0');
    await block(c, b, 2, 'BLPOP', 'd', '0');
    return [await c.raw('RPUSH', 's', 'v'), await reply(a), await reply(b), await c.raw('EXISTS', 's', 'd')];
  });

  twin('BRPOPLPUSH chains through three lists in one wake-up', async (c, open) => {
    const [a, b, x] = [await open(), await open(), await open()];
    await block(c, a, 1, 'BRPOPLPUSH', 'l1', 'l2', '0');
    await block(c, b, 2, 'BRPOPLPUSH', 'l2', 'l3', '0');
    await block(c, x, 3, 'BLPOP', 'l3', '0');
    return [await c.raw('RPUSH', 'l1', 'v'), await reply(a), await reply(b), await reply(x), await c.raw('DBSIZE')];
  });

  twin('a BLMOVE whose destination became a string is answered WRONGTYPE and the element stays', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BLMOVE', 's', 'd', 'LEFT', 'RIGHT', '0');
    await c.call('SET', 'd', 'str');
    return [await c.raw('RPUSH', 's', 'v'), await reply(w), await c.raw('LRANGE', 's', '0', '-1')];
  });

  twin('a key set to a string while waited on keeps the client blocked; DEL then RPUSH serves it', async (c, open) => {
    const w = await open();
    await block(c, w, 1, 'BLPOP', 'k', '0');
    const out = [await c.raw('SET', 'k', 'str'), String(await w.hasFrame(50)), await c.raw('DEL', 'k'), await c.raw('RPUSH', 'k', 'q'), await reply(w)];
    return out;
  });

  twin('a client that disconnects while blocked is removed and loses nothing', async (c, open) => {
    const [a, b] = [await open(), await open()];
    await block(c, a, 1, 'BLPOP', 'k', '0');
    await block(c, b, 2, 'BRPOP', 'k', 'other', '0');
    a.close();
    await waitBlocked(c, 1);
    const out = [await c.raw('RPUSH', 'k', 'x', 'y'), await reply(b), await c.raw('LRANGE', 'k', '0', '-1')];
    b.close();
    await waitBlocked(c, 0);
    out.push(await c.raw('RPUSH', 'other', 'z'), await c.raw('LLEN', 'other'));
    return out;
  });

  twin('a blocked client on another database is not woken by a push to this one', async (c, open) => {
    const w = await open();
    await w.call('SELECT', '1');
    await block(c, w, 1, 'BLPOP', 'k', '0');
    const out = [await c.raw('RPUSH', 'k', 'db0'), String(await w.hasFrame(50)), await c.raw('SELECT', '1'), await c.raw('RPUSH', 'k', 'db1'), await reply(w)];
    return out;
  });

  twin('keyspace events of a served BLMOVE: push on the destination, then pop and del on the source', async (c, open) => {
    const sub = await open();
    const w = await open();
    const cfg = await c.call('CONFIG', 'SET', 'notify-keyspace-events', 'KEA');
    if (cfg instanceof ReplyError) {
      if (c.target.respite === undefined) throw cfg;
      c.target.respite.config.set('notify-keyspace-events', 'KEA');
    }
    try {
      await sub.call('PSUBSCRIBE', '__keyevent@0__:*');
      await block(c, w, 1, 'BLMOVE', 's', 'd', 'RIGHT', 'LEFT', '0');
      await c.call('RPUSH', 's', 'v');
      await reply(w);
      const events: string[] = [];
      for (let i = 0; i < 4; i++) {
        const v = (await sub.frame()).value as string[];
        events.push(`${v[2]} ${v[3]}`);
      }
      expect(await sub.hasFrame(30)).to.equal(false);
      return events;
    } finally {
      if (c.target.respite) c.target.respite.config.set('notify-keyspace-events', '');
      else await c.call('CONFIG', 'SET', 'notify-keyspace-events', '');
    }
  });
});

describe('blocking lists: keys arriving by other commands', () => {
  for (const [label, setup, cmd] of [
    ['RENAME', [['RPUSH', 'src', 'a', 'b']], ['RENAME', 'src', 'k']],
    ['COPY', [['RPUSH', 'src', 'a', 'b']], ['COPY', 'src', 'k']],
    ['MOVE', [['SELECT', '1'], ['RPUSH', 'k', 'a', 'b'], ['SELECT', '0']], ['MOVE', 'k', '0']],
    ['SWAPDB', [['SELECT', '1'], ['RPUSH', 'k', 'a', 'b'], ['SELECT', '0']], ['SWAPDB', '0', '1']],
  ] as Array<[string, string[][], string[]]>) {
    twin(`a list arriving by ${label} serves a client blocked on the key`, async (c, open) => {
      const w = await open();
      const out: string[] = [];
      await block(c, w, 1, 'BLPOP', 'k', '0');
      if (label === 'MOVE') await c.call('SELECT', '1');
      for (const s of setup) out.push(await c.raw(...s));
      if (label === 'MOVE') await c.call('SELECT', '1');
      out.push(await c.raw(...cmd), await reply(w));
      await c.call('SELECT', '0');
      out.push(await c.raw('LRANGE', 'k', '0', '-1'));
      return out;
    });
  }
});

describe('blocking lists: CLIENT UNBLOCK', () => {
  twin('CLIENT UNBLOCK answers the timeout reply, or UNBLOCKED with ERROR; 0 for a client not blocked', async (c, open) => {
    const [a, b] = [await open(), await open()];
    const [ida, idb] = [await a.call('CLIENT', 'ID'), await b.call('CLIENT', 'ID')];
    await block(c, a, 1, 'BLMOVE', 'k', 'd', 'LEFT', 'LEFT', '0');
    await block(c, b, 2, 'BLPOP', 'k', '0');
    const out = [await c.raw('CLIENT', 'UNBLOCK', ida), await reply(a), await c.raw('CLIENT', 'UNBLOCK', idb, 'ERROR'), await reply(b)];
    out.push(await c.raw('CLIENT', 'UNBLOCK', idb), String(await blockedCount(c)), await a.raw('PING'), await c.raw('RPUSH', 'k', 'v'), await c.raw('LLEN', 'k'));
    return out;
  });
});

describe('blocking lists: Respite-only (server clock, registry)', () => {
  eachServer('the timeout follows the frozen server clock, not real time', async (c, open) => {
    const r = c.target.respite;
    if (r === undefined) return;
    const w = await open();
    r.clock.freeze();
    try {
      await block(c, w, 1, 'BLPOP', 'k', '10');
      await sleep(100);
      expect(await w.hasFrame(10)).to.equal(false);
      r.clock.advance(9999);
      expect(await w.hasFrame(50)).to.equal(false);
      r.clock.advance(1000);
      expect(await reply(w)).to.equal('*-1\r\n');
      expect(r.server.blocking.clients.size).to.equal(0);
    } finally {
      r.clock.resume();
    }
  });

  eachServer('a running clock times out within ~20 ms of the deadline', async (c) => {
    if (c.target.respite === undefined) return;
    for (const t of ['0.1', '0.25']) {
      const t0 = Date.now();
      expect(await c.raw('BRPOP', 'k', t)).to.equal('*-1\r\n');
      const elapsed = Date.now() - t0;
      expect(elapsed).to.be.at.least(Number(t) * 1000 - 2);
      // ~20 ms is the target; the slack absorbs event-loop jitter when the machine is busy.
      expect(elapsed).to.be.below(Number(t) * 1000 + 50);
    }
  });

  eachServer('a clock jump past the deadline times out every blocked client at once', async (c, open) => {
    const r = c.target.respite;
    if (r === undefined) return;
    const ws = [await open(), await open(), await open()];
    await block(c, ws[0], 1, 'BLPOP', 'a', '100');
    await block(c, ws[1], 2, 'BLMOVE', 'a', 'b', 'LEFT', 'LEFT', '200');
    await block(c, ws[2], 3, 'BLPOP', 'a', '0');
    r.clock.advance(150_000);
    expect(await reply(ws[0])).to.equal('*-1\r\n');
    expect(await ws[1].hasFrame(50)).to.equal(false);
    r.clock.advance(60_000);
    expect(await reply(ws[1])).to.equal('*-1\r\n');
    expect(r.server.blocking.clients.size).to.equal(1);
    await c.call('RPUSH', 'a', 'x');
    expect(await reply(ws[2])).to.equal('*2\r\n$1\r\na\r\n$1\r\nx\r\n');
  });

  eachServer('unblockByClient answers the timeout reply or the UNBLOCKED error (CLIENT UNBLOCK)', async (c, open) => {
    const r = c.target.respite;
    if (r === undefined) return;
    const [a, b] = [await open(), await open()];
    await block(c, a, 1, 'BLMOVE', 'k', 'd', 'LEFT', 'LEFT', '0');
    await block(c, b, 2, 'BLPOP', 'k', '0');
    expect(r.server.blocking.unblockByClient(serverSide(a), 'timeout')).to.equal(true);
    expect(await reply(a)).to.equal('*-1\r\n');
    expect(r.server.blocking.unblockByClient(serverSide(b), 'error')).to.equal(true);
    expect(await reply(b)).to.equal('-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n');
    expect(r.server.blocking.unblockByClient(serverSide(b), 'error')).to.equal(false);
    expect(r.server.blocking.clients.size).to.equal(0);
    expect(await a.call('PING')).to.equal('PONG');
  });

  eachServer('a key that became a zset does not serve a BLPOP client (it stays blocked)', async (c, open) => {
    const z = await c.call('ZADD', 'probe', '1', 'm');
    if (z instanceof ReplyError) return; // ZADD not there yet
    const w = await open();
    await block(c, w, 1, 'BLPOP', 'z', '0');
    await c.call('ZADD', 'z', '1', 'm');
    expect(await w.hasFrame(60)).to.equal(false);
    await c.call('DEL', 'z');
    await c.call('RPUSH', 'z', 'v');
    expect(await reply(w)).to.equal('*2\r\n$1\r\nz\r\n$1\r\nv\r\n');
  });
});
