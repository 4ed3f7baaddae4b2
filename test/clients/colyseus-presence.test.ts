/**
 * The unmodified Colyseus RedisPresence (0.18 and 0.17 lines) against Respite and real Redis:
 * every public method, pub/sub across several presences, expiry, and reconnection.
 */
import { expect } from 'chai';
import { eachServer, Conn } from '../helpers';
import { colyseusLines, ColyseusLine, Presence } from './colyseus';
import { eventually, sleep } from './wait';


function presences(line: ColyseusLine, c: Conn, n: number): Presence[] {
  const list: Presence[] = [];
  for (let i = 0; i < n; i++) list.push(new line.Presence({ host: '127.0.0.1', port: c.target.port, lazyConnect: false }));
  return list;
}

async function withPresences(line: ColyseusLine, c: Conn, n: number, fn: (p: Presence[]) => Promise<void>): Promise<void> {
  const list = presences(line, c, n);
  try {
    await fn(list);
  } finally {
    for (const p of list) p.shutdown();
  }
}

for (const line of colyseusLines()) {
  describe(`Colyseus ${line.version} RedisPresence`, () => {
    eachServer('a publish reaches every subscribed presence exactly once', async (c) => {
      await withPresences(line, c, 3, async ([a, b, pub]) => {
        const got: Array<[string, unknown]> = [];
        await a.subscribe('room:1', (d) => got.push(['a', d]));
        await b.subscribe('room:1', (d) => got.push(['b', d]));
        await pub.publish('room:1', { hello: 'world', n: 1 });
        await eventually(() => got.length >= 2);
        await sleep(50);
        expect(got).to.have.deep.members([['a', { hello: 'world', n: 1 }], ['b', { hello: 'world', n: 1 }]]);
      });
    });

    eachServer('publishing undefined sends false', async (c) => {
      await withPresences(line, c, 2, async ([a, pub]) => {
        const got: unknown[] = [];
        await a.subscribe('t', (d) => got.push(d));
        await pub.publish('t', undefined);
        await eventually(() => got.length === 1);
        expect(got).to.deep.equal([false]);
      });
    });

    eachServer('unsubscribe with a callback keeps the other callbacks; without one removes all', async (c) => {
      await withPresences(line, c, 2, async ([a, pub]) => {
        const got: string[] = [];
        const one = () => got.push('one');
        const two = () => got.push('two');
        await a.subscribe('t', one);
        await a.subscribe('t', two);
        await a.unsubscribe('t', one);
        await pub.publish('t', 1);
        await eventually(() => got.length === 1);
        expect(got).to.deep.equal(['two']);
        await a.unsubscribe('t');
        expect(await pub.channels('t')).to.deep.equal([]);
        await pub.publish('t', 2);
        await sleep(50);
        expect(got).to.deep.equal(['two']);
      });
    });

    eachServer('channels(pattern) lists the subscribed channels', async (c) => {
      await withPresences(line, c, 2, async ([a, b]) => {
        await a.subscribe('room:1', () => undefined);
        await a.subscribe('room:2', () => undefined);
        await a.subscribe('ipc:x', () => undefined);
        expect((await b.channels('room:*')).sort()).to.deep.equal(['room:1', 'room:2']);
        expect((await b.channels()).sort()).to.deep.equal(['ipc:x', 'room:1', 'room:2']);
      });
    });

    eachServer('setex stores a value that expires', async (c) => {
      await withPresences(line, c, 1, async ([p]) => {
        await p.setex('k', 'v', 1);
        expect(await p.get('k')).to.equal('v');
        expect(await p.exists('k')).to.equal(true);
        const ttl = await c.call('PTTL', 'k');
        expect(ttl).to.be.within(1, 1000);
        if (c.target.respite) c.target.respite.clock.advance(1001);
        else await sleep(1100);
        expect(await p.get('k')).to.equal(null);
        expect(await p.exists('k')).to.equal(false);
      });
    });

    eachServer('get, del, exists, incr and decr', async (c) => {
      await withPresences(line, c, 1, async ([p]) => {
        expect(await p.get('missing')).to.equal(null);
        expect(await p.incr('n')).to.equal(1);
        expect(await p.incr('n')).to.equal(2);
        expect(await p.decr('n')).to.equal(1);
        expect(await p.decr('m')).to.equal(-1);
        expect(await p.exists('n')).to.equal(true);
        await p.del('n');
        expect(await p.exists('n')).to.equal(false);
      });
    });

    eachServer('set commands: sadd, smembers, sismember, srem, scard, sinter', async (c) => {
      await withPresences(line, c, 1, async ([p]) => {
        await p.sadd('s1', 'a');
        await p.sadd('s1', 'b');
        await p.sadd('s1', 'c');
        await p.sadd('s2', 'b');
        await p.sadd('s2', 'c');
        expect((await p.smembers('s1')).sort()).to.deep.equal(['a', 'b', 'c']);
        expect(await p.sismember('s1', 'a')).to.equal(1);
        expect(await p.sismember('s1', 'z')).to.equal(0);
        expect(await p.scard('s1')).to.equal(3);
        expect((await p.sinter('s1', 's2')).sort()).to.deep.equal(['b', 'c']);
        expect(await p.srem('s1', 'a')).to.equal(1);
        expect(await p.srem('s1', 'a')).to.equal(0);
        expect(await p.scard('s1')).to.equal(2);
      });
    });

    eachServer('hash commands: hset, hincrby, hincrbyex, hget, hgetall, hdel, hlen', async (c) => {
      await withPresences(line, c, 1, async ([p]) => {
        expect(await p.hset('h', 'f', 'v')).to.equal(true);
        expect(await p.hset('h', 'f', 'w')).to.equal(false);
        expect(await p.hget('h', 'f')).to.equal('w');
        expect(await p.hincrby('h', 'n', 5)).to.equal(5);
        expect(await p.hincrbyex('h', 'n', 2, 60)).to.equal(7);
        expect(await c.call('TTL', 'h')).to.be.within(59, 60);
        expect(await p.hgetall('h')).to.deep.equal({ f: 'w', n: '7' });
        expect(await p.hlen('h')).to.equal(2);
        expect(await p.hdel('h', 'f')).to.equal(true);
        expect(await p.hdel('h', 'f')).to.equal(false);
        expect(await p.hlen('h')).to.equal(1);
        await c.call('SET', 'str', 'x');
        let err: unknown;
        await p.hincrby('str', 'f', 1).catch((e) => (err = e));
        expect(String(err)).to.contain('WRONGTYPE');
      });
    });

    eachServer('list commands: lpush, rpush, llen, lpop, rpop, brpop', async (c) => {
      await withPresences(line, c, 1, async ([p]) => {
        // 0.17 pushes one value per call; 0.18 takes several.
        expect(await p.rpush('l', 'a')).to.equal(1);
        expect(await p.rpush('l', 'b')).to.equal(2);
        expect(await p.lpush('l', 'z')).to.equal(3);
        expect(await p.llen('l')).to.equal(3);
        if (line.version.startsWith('0.18')) expect(await p.rpush('m', 'x', 'y')).to.equal(2);
        expect(await p.lpop('l')).to.equal('z');
        expect(await p.rpop('l')).to.equal('b');
        expect(await p.brpop('l', 0.1)).to.deep.equal(['l', 'a']);
        const started = Date.now();
        expect(await p.brpop('l', 0.1)).to.equal(null);
        expect(Date.now() - started).to.be.within(80, 1500);
        const pending = p.brpop('q', 2);
        await sleep(50);
        await c.call('LPUSH', 'q', 'job');
        expect(await pending).to.deep.equal(['q', 'job']);
      });
    });

    eachServer('shutdown closes the presence connections', async (c) => {
      const before = String(await c.call('CLIENT', 'LIST')).trim().split('\n').length;
      const [p] = presences(line, c, 1);
      await p.subscribe('t', () => undefined);
      await p.get('x');
      p.shutdown();
      const deadline = Date.now() + 3000;
      let now = 0;
      while (Date.now() < deadline) {
        now = String(await c.call('CLIENT', 'LIST')).trim().split('\n').length;
        if (now === before) break;
        await sleep(20);
      }
      expect(now).to.equal(before);
    });
  });
}
