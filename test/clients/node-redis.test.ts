/**
 * node-redis (`redis` on npm) 5 (RESP2) and 6 (HELLO 3, CLIENT SETINFO, RESP3 replies), unmodified,
 * against Respite and real Redis: strings, hashes, sets, lists, pub/sub and transactions.
 */
import { expect } from 'chai';
import { eachServer, Conn } from '../helpers';
import { eventually } from './wait';

/* Two majors of the same package are loaded under different names; the tests touch only the
   command methods both share, typed by this small interface. */
interface NodeRedis {
  connect(): Promise<unknown>;
  quit?(): Promise<unknown>;
  close?(): Promise<unknown>;
  destroy?(): void;
  disconnect?(): Promise<unknown>;
  duplicate(): NodeRedis;
  on(ev: string, fn: (...a: unknown[]) => void): unknown;
  sendCommand(args: string[]): Promise<unknown>;
  set(k: string, v: string, o?: Record<string, unknown>): Promise<unknown>;
  get(k: string): Promise<string | null>;
  incrBy(k: string, n: number): Promise<number>;
  hSet(k: string, v: Record<string, string>): Promise<number>;
  hGetAll(k: string): Promise<Record<string, string>>;
  sAdd(k: string, m: string[]): Promise<number>;
  sMembers(k: string): Promise<string[]>;
  lPush(k: string, m: string[]): Promise<number>;
  lRange(k: string, a: number, b: number): Promise<string[]>;
  zAdd(k: string, m: Array<{ score: number; value: string }>): Promise<number>;
  zRangeWithScores(k: string, a: number, b: number): Promise<Array<{ score: number; value: string }>>;
  multi(): { incr(k: string): unknown; expire(k: string, s: number): unknown; exec(): Promise<unknown[]> };
  subscribe(ch: string, fn: (msg: string, ch: string) => void): Promise<unknown>;
  pSubscribe(p: string, fn: (msg: string, ch: string) => void): Promise<unknown>;
  unsubscribe(ch?: string): Promise<unknown>;
  publish(ch: string, msg: string): Promise<number>;
}

// eslint-disable-next-line @typescript-eslint/no-var-requires
const v6 = require('redis') as { createClient(o: unknown): NodeRedis };
// eslint-disable-next-line @typescript-eslint/no-var-requires
const v5 = require('redis5') as { createClient(o: unknown): NodeRedis };

const lines: Array<[string, { createClient(o: unknown): NodeRedis }]> = [['node-redis 5', v5], ['node-redis 6', v6]];

async function using(lib: { createClient(o: unknown): NodeRedis }, c: Conn, fn: (r: NodeRedis) => Promise<void>): Promise<void> {
  const r = lib.createClient({ url: `redis://127.0.0.1:${c.target.port}`, socket: { reconnectStrategy: false } });
  r.on('error', () => undefined);
  await r.connect();
  try {
    await fn(r);
  } finally {
    if (r.destroy) r.destroy();
    else if (r.disconnect) await r.disconnect();
  }
}

for (const [label, lib] of lines) {
  describe(`${label} client`, () => {
    eachServer('connects and runs string commands', async (c) => {
      await using(lib, c, async (r) => {
        expect(await r.set('k', 'v', { EX: 100 })).to.equal('OK');
        expect(await r.get('k')).to.equal('v');
        expect(await r.incrBy('n', 7)).to.equal(7);
        expect(await r.get('missing')).to.equal(null);
      });
    });

    eachServer('hashes, sets, lists and sorted sets', async (c) => {
      await using(lib, c, async (r) => {
        expect(await r.hSet('h', { a: '1', b: '2' })).to.equal(2);
        expect(await r.hGetAll('h')).to.deep.equal({ a: '1', b: '2' });
        expect(await r.sAdd('s', ['x', 'y', 'x'])).to.equal(2);
        expect((await r.sMembers('s')).sort()).to.deep.equal(['x', 'y']);
        expect(await r.lPush('l', ['a', 'b'])).to.equal(2);
        expect(await r.lRange('l', 0, -1)).to.deep.equal(['b', 'a']);
        expect(await r.zAdd('z', [{ score: 1.5, value: 'a' }, { score: 1, value: 'b' }])).to.equal(2);
        expect(await r.zRangeWithScores('z', 0, -1)).to.deep.equal([{ value: 'b', score: 1 }, { value: 'a', score: 1.5 }]);
      });
    });

    eachServer('transactions', async (c) => {
      await using(lib, c, async (r) => {
        const m = r.multi();
        m.incr('t');
        m.expire('t', 30);
        const res = (await m.exec()).map((x) => (typeof x === 'boolean' ? Number(x) : x));
        expect(res).to.deep.equal([1, 1]);
      });
    });

    eachServer('pub/sub on a duplicated connection', async (c) => {
      await using(lib, c, async (r) => {
        const sub = r.duplicate();
        sub.on('error', () => undefined);
        await sub.connect();
        try {
          const got: string[] = [];
          await sub.subscribe('news', (msg, ch) => got.push(`${ch}:${msg}`));
          await sub.pSubscribe('n*', (msg, ch) => got.push(`p ${ch}:${msg}`));
          expect(await r.publish('news', 'hello')).to.equal(2);
          await eventually(() => got.length === 2);
          expect(got.sort()).to.deep.equal(['news:hello', 'p news:hello']);
          await sub.unsubscribe('news');
        } finally {
          if (sub.destroy) sub.destroy();
          else if (sub.disconnect) await sub.disconnect();
        }
      });
    });

    eachServer('arbitrary commands through sendCommand', async (c) => {
      await using(lib, c, async (r) => {
        expect(await r.sendCommand(['ECHO', 'x'])).to.equal('x');
        expect(await r.sendCommand(['DBSIZE'])).to.equal(0);
      });
    });
  });
}
