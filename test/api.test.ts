/**
 * The embeddable API: startServer() options, port / url, stop(), flushAll(), and the controllable
 * clock that TTL, EXPIRETIME, TIME and active expiry follow; plus ioredis connecting through `url`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { expect } from 'chai';
import Redis from 'ioredis';
import { startServer, RespiteServer, ConfigError } from '../src/index';
import { RawClient } from './client';

describe('api: startServer', function () {
  this.timeout(10000);
  const started: RespiteServer[] = [];

  async function start(opts: Parameters<typeof startServer>[0]): Promise<RespiteServer> {
    const s = await startServer(opts);
    started.push(s);
    return s;
  }

  afterEach(async () => {
    for (const s of started.splice(0)) await s.stop();
  });

  it('port 0 picks a free port; url and host describe it', async () => {
    const s = await start({ port: 0 });
    expect(s.port).to.be.greaterThan(0);
    expect(s.host).to.equal('127.0.0.1');
    expect(s.url).to.equal(`redis://127.0.0.1:${s.port}`);
    const c = await RawClient.connect(s.port);
    expect(await c.call('PING')).to.equal('PONG');
    c.close();
  });

  it('stop() closes clients and the listener, and may be called twice', async () => {
    const s = await startServer({ port: 0 });
    const c = await RawClient.connect(s.port);
    await c.call('PING');
    await s.stop();
    await c.waitClosed();
    await s.stop();
    const refused = await RawClient.connect(s.port).then((x) => (x.close(), false), () => true);
    expect(refused).to.equal(true);
  });

  it('config options by redis.conf name, camelCase and booleans', async () => {
    const s = await start({ port: 0, databases: 2, 'notify-keyspace-events': 'KEA', maxmemoryPolicy: 'allkeys-lru', appendonly: true, hz: 50 });
    const c = await RawClient.connect(s.port);
    try {
      expect((await c.call('SELECT', '2')).message).to.equal('ERR DB index is out of range');
      expect(await c.call('CONFIG', 'GET', 'notify-keyspace-events')).to.deep.equal(['notify-keyspace-events', 'AKE']);
      expect(await c.call('CONFIG', 'GET', 'maxmemory-policy')).to.deep.equal(['maxmemory-policy', 'allkeys-lru']);
      expect(await c.call('CONFIG', 'GET', 'appendonly')).to.deep.equal(['appendonly', 'yes']);
      expect(s.config.getInt('hz')).to.equal(50);
    } finally {
      c.close();
    }
  });

  it('requirepass', async () => {
    const s = await start({ port: 0, requirepass: 'pw' });
    const c = await RawClient.connect(s.port);
    try {
      expect((await c.call('GET', 'k')).message).to.equal('NOAUTH Authentication required.');
      expect(await c.call('AUTH', 'pw')).to.equal('OK');
      expect(await c.call('GET', 'k')).to.equal(null);
    } finally {
      c.close();
    }
  });

  it('unknown options and invalid values reject with a clear error', async () => {
    let err = await startServer({ port: 0, nosuchOption: 1 }).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(ConfigError);
    expect((err as Error).message).to.equal("Respite: unknown option 'nosuchOption'");
    err = await startServer({ port: 0, databases: 0 }).then(() => null, (e: unknown) => e);
    expect((err as Error).message).to.equal("Respite: invalid value for option 'databases' (0): argument must be between 1 and 2147483647 inclusive");
    err = await startServer({ port: 'abc' as unknown as number }).then(() => null, (e: unknown) => e);
    expect((err as Error).message).to.match(/invalid value for option 'port'.*couldn't be parsed into an integer/);
  });

  it('a port in use rejects', async () => {
    const s = await start({ port: 0 });
    const err = await startServer({ port: s.port }).then((x) => (started.push(x), null), (e: NodeJS.ErrnoException) => e);
    expect(err?.code).to.equal('EADDRINUSE');
  });

  it('flushAll() empties every database', async () => {
    const s = await start({ port: 0 });
    const c = await RawClient.connect(s.port);
    try {
      await c.call('SET', 'a', '1');
      await c.call('SELECT', '5');
      await c.call('SET', 'b', '1');
      s.flushAll();
      expect(await c.call('DBSIZE')).to.equal(0);
      await c.call('SELECT', '0');
      expect(await c.call('DBSIZE')).to.equal(0);
    } finally {
      c.close();
    }
  });

  it('TTL, PTTL, EXPIRETIME and TIME follow a frozen, advanced and set clock', async () => {
    const s = await start({ port: 0 });
    const c = await RawClient.connect(s.port);
    try {
      s.clock.freeze();
      const t0 = s.clock.now();
      await c.call('SET', 'k', 'v', 'EX', '100');
      expect(await c.call('PTTL', 'k')).to.equal(100000);
      // EXPIRETIME rounds to the nearest second, as Redis does.
      expect(await c.call('EXPIRETIME', 'k')).to.equal(Math.floor((t0 + 100000 + 500) / 1000));
      s.clock.advance(40000);
      expect(await c.call('TTL', 'k')).to.equal(60);
      expect(await c.call('PTTL', 'k')).to.equal(60000);
      s.clock.advance(60000);
      expect(await c.call('EXISTS', 'k')).to.equal(0);
      s.clock.set(new Date('2031-05-06T07:08:09.010Z'));
      expect(await c.call('TIME')).to.deep.equal([String(Date.UTC(2031, 4, 6, 7, 8, 9) / 1000), '10000']);
      await c.call('SET', 'e', 'v', 'EXAT', String(Date.UTC(2031, 4, 6, 7, 9, 0) / 1000));
      expect(await c.call('TTL', 'e')).to.equal(51);
      s.clock.resume();
      expect(s.clock.frozen).to.equal(false);
      expect(Math.abs(s.clock.now() - Date.UTC(2031, 4, 6, 7, 8, 9, 10))).to.be.lessThan(1000);
    } finally {
      c.close();
    }
  });

  it('advancing the clock expires keys actively (no access needed)', async () => {
    const s = await start({ port: 0 });
    const c = await RawClient.connect(s.port);
    try {
      s.clock.freeze();
      for (let i = 0; i < 50; i++) await c.call('SET', `k${i}`, 'v', 'PX', String(1000 + i));
      await c.call('SET', 'keep', 'v');
      expect(await c.call('DBSIZE')).to.equal(51);
      s.clock.advance(2000);
      expect(await c.call('DBSIZE')).to.equal(1);
      const info = String(await c.call('INFO', 'stats'));
      expect(info).to.match(/\r\nexpired_keys:50\r\n/);
    } finally {
      c.close();
    }
  });

  it('ioredis connects through url, passes its ready check and sees the clock', async () => {
    const s = await start({ port: 0 });
    const redis = new Redis(s.url, { lazyConnect: true, maxRetriesPerRequest: 0 });
    try {
      await redis.connect();
      expect(redis.status).to.equal('ready');
      await redis.set('k', 'v', 'EX', 10);
      s.clock.advance(11000);
      expect(await redis.get('k')).to.equal(null);
      expect(await redis.client('GETNAME')).to.equal(null);
      const info = await redis.info('server');
      expect(info).to.contain('redis_version:7.0.15');
    } finally {
      redis.disconnect();
    }
  });

  it('ships type declarations', () => {
    expect(fs.existsSync(path.join(__dirname, '..', 'src', 'index.d.ts'))).to.equal(true);
  });
});
