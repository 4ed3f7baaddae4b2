/**
 * Pub/sub across connections: SUBSCRIBE / PSUBSCRIBE / SSUBSCRIBE confirmations and counts, the
 * unsubscribe forms, PUBLISH / SPUBLISH fan-out and receiver counts, RESP2 subscriber mode, RESP3
 * push frames, binary safety, PUBSUB introspection, and cleanup of vanished subscribers. Every case
 * runs the same scenario on Respite and real Redis and compares the frames byte for byte.
 */
import { expect, same, eachServer, Conn } from '../helpers';
import Redis from 'ioredis';
import { twin, frames, until, resp3, eventually, sleep } from '../pubsub/util';

/** All 256 byte values, as a latin1 string. */
const ALL_BYTES = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join('');

/** Subscribes `c` and waits for the n confirmations. */
async function sub(c: Conn, cmd: string, ...names: Array<string | Buffer>): Promise<string[]> {
  return frames(c, names.length === 0 ? 1 : names.length, cmd, ...names);
}

/** Sorts the unsubscribe-all confirmations by name: Redis walks a hash table, so their order is arbitrary. */
function byName(list: string[]): string[] {
  return list.slice().sort();
}

/** The counts at the end of each confirmation frame, in order. */
function counts(list: string[]): number[] {
  return list.map((f) => Number(/:(\d+)\r\n$/.exec(f)![1]));
}

describe('pubsub: subscribe and unsubscribe', () => {
  twin('SUBSCRIBE answers once per channel with the running count; a repeat is one subscription', async (c) => {
    return frames(c, 3, 'SUBSCRIBE', 'a', 'b', 'a');
  });

  twin('PSUBSCRIBE counts channels and patterns together', async (c) => {
    return [...(await sub(c, 'SUBSCRIBE', 'a')), ...(await sub(c, 'PSUBSCRIBE', 'a*', 'b?', 'a*')), ...(await sub(c, 'SUBSCRIBE', 'c'))];
  });

  twin('SSUBSCRIBE counts shard channels separately from channels and patterns', async (c) => {
    return [
      ...(await sub(c, 'SSUBSCRIBE', 's1')),
      ...(await sub(c, 'SUBSCRIBE', 'a')),
      ...(await sub(c, 'SSUBSCRIBE', 's2', 's1')),
      ...(await sub(c, 'PSUBSCRIBE', 'p*')),
      ...(await sub(c, 'SUNSUBSCRIBE', 's1')),
      ...(await sub(c, 'UNSUBSCRIBE', 'a')),
      ...(await sub(c, 'PUNSUBSCRIBE', 'p*')),
      ...(await sub(c, 'SUNSUBSCRIBE', 's2')),
    ];
  });

  twin('UNSUBSCRIBE / PUNSUBSCRIBE / SUNSUBSCRIBE with nothing subscribed answer nil and 0', async (c) => {
    return [...(await sub(c, 'UNSUBSCRIBE')), ...(await sub(c, 'PUNSUBSCRIBE')), ...(await sub(c, 'SUNSUBSCRIBE')), await c.raw('ECHO', 'x')];
  });

  twin('UNSUBSCRIBE of channels never subscribed still confirms each with the count', async (c) => {
    await sub(c, 'PSUBSCRIBE', 'p*');
    return [...(await frames(c, 2, 'UNSUBSCRIBE', 'nope', 'x')), ...(await frames(c, 1, 'PUNSUBSCRIBE', 'q*'))];
  });

  twin('UNSUBSCRIBE without arguments drops every channel but keeps patterns', async (c) => {
    await sub(c, 'SUBSCRIBE', 'a', 'b', 'c');
    await sub(c, 'PSUBSCRIBE', 'p*');
    const all = await frames(c, 3, 'UNSUBSCRIBE');
    return { names: byName(all.map((f) => f.replace(/:\d+\r\n$/, ''))), counts: counts(all), after: await frames(c, 1, 'UNSUBSCRIBE') };
  });

  twin('PUNSUBSCRIBE without arguments drops every pattern but keeps channels', async (c) => {
    await sub(c, 'PSUBSCRIBE', 'a*', 'b*');
    await sub(c, 'SUBSCRIBE', 'x');
    const all = await frames(c, 2, 'PUNSUBSCRIBE');
    return { names: byName(all.map((f) => f.replace(/:\d+\r\n$/, ''))), counts: counts(all), ping: await c.raw('PING') };
  });

  twin('SUNSUBSCRIBE without arguments drops every shard channel and leaves subscriber mode', async (c) => {
    await sub(c, 'SSUBSCRIBE', 's1', 's2');
    const all = await frames(c, 2, 'SUNSUBSCRIBE');
    return { names: byName(all.map((f) => f.replace(/:\d+\r\n$/, ''))), counts: counts(all), get: await c.raw('ECHO', 'x') };
  });

  same('subscribe commands check their arity', ['SUBSCRIBE'], ['PSUBSCRIBE'], ['SSUBSCRIBE'], ['PUBLISH', 'a'], ['PUBLISH', 'a', 'b', 'c'], ['SPUBLISH', 'a']);

  same('PUBLISH and SPUBLISH with no subscribers answer 0', ['PUBLISH', 'nobody', 'x'], ['SPUBLISH', 'nobody', 'x']);
});

describe('pubsub: RESP2 subscriber mode', () => {
  twin('only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed, PING answers pong', async (c) => {
    await sub(c, 'SUBSCRIBE', 'a');
    return [await c.raw('ECHO', 'x'), await c.raw('PUBLISH', 'a', 'x'), await c.raw('PING'), await c.raw('PING', 'hi'), await c.raw('PUBSUB', 'NUMSUB', 'a'), await c.raw('SPUBLISH', 's', 'x')];
  });

  twin('shard subscriptions alone keep subscriber mode; leaving all of them ends it', async (c) => {
    await sub(c, 'SSUBSCRIBE', 's');
    const inside = [await c.raw('ECHO', 'x'), await c.raw('PING')];
    await sub(c, 'SUNSUBSCRIBE', 's');
    return [...inside, await c.raw('ECHO', 'x'), await c.raw('PING')];
  });

  twin('unsubscribing the last channel while a shard channel remains keeps subscriber mode', async (c) => {
    await sub(c, 'SUBSCRIBE', 'a');
    await sub(c, 'SSUBSCRIBE', 's');
    return [...(await sub(c, 'UNSUBSCRIBE')), await c.raw('ECHO', 'x')];
  });

  eachServer('QUIT is allowed in subscriber mode', async (c) => {
    await sub(c, 'SUBSCRIBE', 'a');
    expect(await c.call('QUIT')).to.equal('OK');
    await c.waitClosed();
  });
});

describe('pubsub: delivery', () => {
  twin('PUBLISH counts receivers across channels and patterns, one frame per matching subscription', async (c, open) => {
    const s1 = await open();
    const s2 = await open();
    await sub(s1, 'SUBSCRIBE', 'news.tech');
    await sub(s1, 'PSUBSCRIBE', 'news.*', 'n*');
    await sub(s2, 'PSUBSCRIBE', 'news.*');
    const n = await c.raw('PUBLISH', 'news.tech', 'hello');
    // Pattern frames follow the channel frame in Redis's hash-table order: compare them sorted.
    const f1 = await frames(s1, 3);
    return { n, s1: [f1[0], ...f1.slice(1).sort()], s2: await frames(s2, 1), other: await c.raw('PUBLISH', 'other', 'x') };
  });

  twin('subscribing twice to a channel or pattern delivers once', async (c, open) => {
    const s = await open();
    await sub(s, 'SUBSCRIBE', 'ch', 'ch');
    await sub(s, 'SUBSCRIBE', 'ch');
    await sub(s, 'PSUBSCRIBE', 'c?', 'c?');
    await sub(s, 'SUBSCRIBE', 'end');
    const n = await c.raw('PUBLISH', 'ch', 'once');
    await c.raw('PUBLISH', 'end', '.');
    return { n, got: await until(s, '$3\r\nend\r\n') };
  });

  twin('channels, patterns and payloads are binary-safe', async (c, open) => {
    const s = await open();
    const ch = 'bin\x00\r\n\xff\x80ch';
    await sub(s, 'SUBSCRIBE', Buffer.from(ch, 'latin1'));
    await sub(s, 'PSUBSCRIBE', Buffer.from('bin\x00*', 'latin1'));
    const n = await c.raw('PUBLISH', Buffer.from(ch, 'latin1'), Buffer.from(ALL_BYTES, 'latin1'));
    const empty = await c.raw('PUBLISH', Buffer.from(ch, 'latin1'), '');
    return { n, empty, got: await frames(s, 4) };
  });

  twin('an empty channel name works; PSUBSCRIBE * does not match it', async (c, open) => {
    const s = await open();
    await sub(s, 'SUBSCRIBE', '');
    await sub(s, 'PSUBSCRIBE', '*');
    const n = await c.raw('PUBLISH', '', 'to-empty');
    const n2 = await c.raw('PUBLISH', 'x', 'to-x');
    return { n, n2, got: await frames(s, 2), list: await c.raw('PUBSUB', 'CHANNELS'), star: await c.raw('PUBSUB', 'CHANNELS', '*') };
  });

  twin('SPUBLISH reaches shard subscribers only; PUBLISH does not reach them', async (c, open) => {
    const s = await open();
    await sub(s, 'SSUBSCRIBE', 'sh');
    await sub(s, 'PSUBSCRIBE', 's*');
    const a = await c.raw('SPUBLISH', 'sh', 'shard-msg');
    const b = await c.raw('PUBLISH', 'sh', 'global-msg');
    return { a, b, got: await frames(s, 2) };
  });

  twin('messages keep publish order across channels and publishers', async (c, open) => {
    const s = await open();
    const p2 = await open();
    await sub(s, 'SUBSCRIBE', 'c1', 'c2');
    await sub(s, 'PSUBSCRIBE', 'c*');
    for (let i = 0; i < 20; i++) {
      const p = i % 2 === 0 ? c : p2;
      p.send('PUBLISH', i % 3 === 0 ? 'c2' : 'c1', `m${i}`);
      await p.frame();
    }
    return frames(s, 40);
  });

  twin('a pipelined burst of publishes arrives complete and in order', async (c, open) => {
    const s = await open();
    await sub(s, 'SUBSCRIBE', 'burst');
    let req = '';
    for (let i = 0; i < 500; i++) req += `*3\r\n$7\r\nPUBLISH\r\n$5\r\nburst\r\n$${String(i).length}\r\n${i}\r\n`;
    c.write(req);
    const replies = await frames(c, 500);
    const got = await frames(s, 500);
    return { replies: [...new Set(replies)], first: got[0], last: got[499], ordered: got.every((f, i) => f.endsWith(`$${String(i).length}\r\n${i}\r\n`)) };
  });

  twin('SUBSCRIBE inside MULTI works and messages to itself land inside EXEC; SSUBSCRIBE is refused', async (c) => {
    const out = [await c.raw('MULTI'), await c.raw('SUBSCRIBE', 'a'), await c.raw('SSUBSCRIBE', 'b'), await c.raw('PSUBSCRIBE', 'a*'), await c.raw('PUBLISH', 'a', 'x'), await c.raw('UNSUBSCRIBE', 'a')];
    c.send('EXEC');
    c.send('PING');
    out.push(...(await until(c, '$4\r\npong')));
    return out;
  });

  twin('three subscribers with several channels and overlapping patterns receive identical frames', async (c, open) => {
    const a = await open();
    const b = await open();
    const d = await open();
    await sub(a, 'SUBSCRIBE', 'orders', 'users');
    await sub(a, 'PSUBSCRIBE', 'ord*', '*s');
    await sub(b, 'PSUBSCRIBE', '[ou]*', 'orders', 'us?rs');
    await sub(b, 'SUBSCRIBE', 'users');
    await sub(d, 'SUBSCRIBE', 'logs', 'orders');
    await sub(d, 'PSUBSCRIBE', 'l*', '*');
    for (const s of [a, b, d]) await sub(s, 'SUBSCRIBE', 'zz-end');
    const replies: string[] = [];
    const msgs: Array<[string, string]> = [['orders', 'o1'], ['users', 'u1'], ['logs', 'l1'], ['ordersX', 'ox'], ['misc', 'm'], ['uxers', 'ux'], ['orders', ''], ['users', 'bin\x00\xff']];
    for (const [ch, m] of msgs) replies.push(await c.raw('PUBLISH', Buffer.from(ch, 'latin1'), Buffer.from(m, 'latin1')));
    replies.push(await c.raw('PUBLISH', 'zz-end', '.'));
    // Per subscriber, the frames of one publish come channel first, then patterns in Redis's hash
    // order; compare each publish's group as a sorted list, and the groups in publish order.
    const group = (list: string[]): string[][] => {
      const out: string[][] = [];
      let cur: string[] = [];
      let key = '';
      for (const f of list) {
        const m = /\r\n\$\d+\r\n([^\r]*)\r\n$/.exec(f)!;
        const k = m[1];
        if (k !== key && cur.length) {
          out.push(cur.sort());
          cur = [];
        }
        key = k;
        cur.push(f);
      }
      out.push(cur.sort());
      return out;
    };
    const result: Record<string, unknown> = { replies };
    for (const [name, s] of [['a', a], ['b', b], ['d', d]] as const) result[name] = group(await until(s, 'zz-end\r\n$1\r\n.'));
    return result;
  });

  twin('a subscriber mixing RESP2 and a RESP3 subscriber on one channel gets its own framing', async (c, open) => {
    const s2 = await open();
    const s3 = await open();
    await resp3(s3);
    await sub(s2, 'SUBSCRIBE', 'mix');
    await sub(s3, 'SUBSCRIBE', 'mix');
    await sub(s3, 'PSUBSCRIBE', 'm*');
    const n = await c.raw('PUBLISH', 'mix', 'payload');
    return { n, resp2: await frames(s2, 1), resp3: await frames(s3, 2) };
  });
});

describe('pubsub: RESP3', () => {
  twin('confirmations and messages are push frames; nothing subscribed gives a null channel', async (c, open) => {
    await resp3(c);
    const out = [
      ...(await sub(c, 'UNSUBSCRIBE')),
      ...(await sub(c, 'PUNSUBSCRIBE')),
      ...(await sub(c, 'SUNSUBSCRIBE')),
      ...(await sub(c, 'SUBSCRIBE', 'a', 'b')),
      ...(await sub(c, 'PSUBSCRIBE', 'a*')),
      ...(await sub(c, 'SSUBSCRIBE', 's')),
    ];
    const p = await open();
    await p.raw('PUBLISH', 'a', 'm1');
    await p.raw('SPUBLISH', 's', 'm2');
    out.push(...(await frames(c, 3)));
    out.push(...(await sub(c, 'UNSUBSCRIBE', 'a')));
    return out;
  });

  twin('a RESP3 subscriber may run any command; PING answers PONG', async (c) => {
    await resp3(c);
    await sub(c, 'SUBSCRIBE', 'a');
    return [await c.raw('ECHO', 'v'), await c.raw('DBSIZE'), await c.raw('PING'), await c.raw('PUBSUB', 'NUMSUB', 'a')];
  });

  twin('a RESP3 client publishing to itself gets the message before the PUBLISH reply', async (c) => {
    await resp3(c);
    await sub(c, 'SUBSCRIBE', 'self');
    await sub(c, 'PSUBSCRIBE', 's*');
    return frames(c, 3, 'PUBLISH', 'self', 'hi');
  });
});

describe('pubsub: PUBSUB introspection', () => {
  twin('CHANNELS lists active channels, filtered by a pattern; NUMSUB and NUMPAT count', async (c, open) => {
    const s1 = await open();
    const s2 = await open();
    await sub(s1, 'SUBSCRIBE', 'c1', 'c2', 'news.a');
    await sub(s1, 'PSUBSCRIBE', 'p*', 'q*');
    await sub(s2, 'SUBSCRIBE', 'c1');
    await sub(s2, 'PSUBSCRIBE', 'p*');
    await sub(s2, 'SSUBSCRIBE', 'sh1');
    const list = (await c.call('PUBSUB', 'CHANNELS')) as string[];
    const filtered = (await c.call('PUBSUB', 'channels', 'c*')) as string[];
    return {
      list: list.sort(),
      filtered: filtered.sort(),
      news: await c.raw('PUBSUB', 'CHANNELS', 'news.?'),
      none: await c.raw('PUBSUB', 'CHANNELS', 'zz*'),
      numsub: await c.raw('PUBSUB', 'NUMSUB', 'c1', 'c2', 'missing', 'c1', 'sh1'),
      numsubNone: await c.raw('PUBSUB', 'NUMSUB'),
      numpat: await c.raw('PUBSUB', 'NUMPAT'),
      shard: await c.raw('PUBSUB', 'SHARDCHANNELS'),
      shardPat: await c.raw('PUBSUB', 'SHARDCHANNELS', 'x*'),
      shardnum: await c.raw('PUBSUB', 'SHARDNUMSUB', 'sh1', 'c1'),
      shardnumNone: await c.raw('PUBSUB', 'ShardNumSub'),
    };
  });

  twin('counts drop as subscribers leave', async (c, open) => {
    const s1 = await open();
    const s2 = await open();
    await sub(s1, 'SUBSCRIBE', 'x');
    await sub(s2, 'SUBSCRIBE', 'x');
    await sub(s1, 'PSUBSCRIBE', 'x*');
    const before = [await c.raw('PUBSUB', 'NUMSUB', 'x'), await c.raw('PUBSUB', 'NUMPAT')];
    await sub(s1, 'UNSUBSCRIBE', 'x');
    await sub(s1, 'PUNSUBSCRIBE', 'x*');
    return [...before, await c.raw('PUBSUB', 'NUMSUB', 'x'), await c.raw('PUBSUB', 'NUMPAT'), await c.raw('PUBSUB', 'CHANNELS')];
  });

  twin('PUBSUB replies are arrays in RESP3 too', async (c, open) => {
    const s = await open();
    await sub(s, 'SUBSCRIBE', 'r3');
    await resp3(c);
    return [await c.raw('PUBSUB', 'NUMSUB', 'r3'), await c.raw('PUBSUB', 'CHANNELS'), await c.raw('PUBSUB', 'NUMPAT'), await c.raw('PUBSUB', 'HELP')];
  });

  same(
    'PUBSUB errors: arity, unknown subcommand, extra arguments, HELP',
    ['PUBSUB'],
    ['PUBSUB', 'foo'],
    ['PUBSUB', 'NUMPAT', 'x'],
    ['PUBSUB', 'channels', 'a', 'b'],
    ['PUBSUB', 'SHARDCHANNELS', 's*', 'x'],
    ['PUBSUB', 'help', 'x'],
    ['PUBSUB', 'HELP'],
  );

  eachServer('a subscriber that vanishes is cleaned up', async (c, open) => {
    const s = await open();
    await sub(s, 'SUBSCRIBE', 'gone');
    await sub(s, 'PSUBSCRIBE', 'gone*');
    await sub(s, 'SSUBSCRIBE', 'gone-shard');
    expect(await c.call('PUBSUB', 'NUMSUB', 'gone')).to.deep.equal(['gone', 1]);
    s.socket.destroy();
    await eventually(async () => {
      const r = (await c.call('PUBSUB', 'NUMSUB', 'gone')) as unknown[];
      return r[1] === 0;
    });
    await eventually(async () => (await c.call('PUBSUB', 'NUMPAT')) === 0);
    expect(await c.call('PUBSUB', 'SHARDNUMSUB', 'gone-shard')).to.deep.equal(['gone-shard', 0]);
    expect(await c.call('PUBLISH', 'gone', 'x')).to.equal(0);
  });

  eachServer('a subscriber that quits is cleaned up', async (c, open) => {
    const s = await open();
    await sub(s, 'SUBSCRIBE', 'q');
    s.send('QUIT');
    await s.waitClosed();
    await sleep(10);
    await eventually(async () => (await c.call('PUBLISH', 'q', 'x')) === 0);
  });
});

describe('pubsub: a real client (ioredis)', () => {
  eachServer('ioredis subscribes, receives message and pmessage, and unsubscribes with nothing left', async (c) => {
    const sub = new Redis({ port: c.target.port, host: '127.0.0.1', lazyConnect: true, enableOfflineQueue: true });
    try {
      await sub.connect();
      const bounded = <T>(p: Promise<T>, what: string): Promise<T> =>
        Promise.race([p, sleep(3000).then(() => Promise.reject(new Error(`${what} did not resolve`)))]);
      // With nothing subscribed the client waits for the nil confirmation: it must come.
      await bounded(sub.unsubscribe(), 'UNSUBSCRIBE with nothing subscribed');
      const got: string[] = [];
      sub.on('message', (ch: string, msg: string) => got.push(`message ${ch} ${msg}`));
      sub.on('pmessage', (p: string, ch: string, msg: string) => got.push(`pmessage ${p} ${ch} ${msg}`));
      expect(await sub.subscribe('io', 'io2')).to.equal(2);
      expect(await sub.psubscribe('i*')).to.equal(3);
      expect(await c.call('PUBLISH', 'io', 'hello')).to.equal(2);
      await eventually(async () => got.length === 2, 3000, 'both deliveries');
      expect(got).to.deep.equal(['message io hello', 'pmessage i* io hello']);
      // ioredis resolves an argument-less UNSUBSCRIBE only when the count reaches 0, so patterns go first.
      expect(await bounded(sub.punsubscribe('i*'), 'PUNSUBSCRIBE i*')).to.equal(2);
      expect(await bounded(sub.unsubscribe(), 'UNSUBSCRIBE of all channels')).to.equal(0);
      expect(await sub.ping()).to.equal('PONG');
      expect(await c.call('PUBSUB', 'NUMPAT')).to.equal(0);
    } finally {
      sub.disconnect();
    }
  });
});

describe('pubsub: counts seen by CLIENT LIST and INFO', () => {
  twin('CLIENT LIST shows flags, sub, psub and ssub of a subscriber; INFO stats counts channels and patterns', async (c, open) => {
    const s = await open();
    await s.call('CLIENT', 'SETNAME', 'watched-sub');
    await sub(s, 'SUBSCRIBE', 'a', 'b');
    await sub(s, 'PSUBSCRIBE', 'p*');
    await sub(s, 'SSUBSCRIBE', 'sh');
    const line = String(await c.call('CLIENT', 'LIST')).split('\n').find((l) => l.includes('name=watched-sub'))!;
    const fields = ['flags', 'sub', 'psub', 'ssub', 'cmd'].map((f) => new RegExp(` ${f}=(\\S*)`).exec(line)![0]);
    const info = String(await c.call('INFO', 'stats'));
    const stats = ['pubsub_channels', 'pubsub_patterns', 'pubsubshard_channels'].map((f) => new RegExp(`${f}:\\d+`).exec(info)![0]);
    return { fields, stats };
  });
});
