/**
 * The README's usage sections, run as written: "Use with Colyseus" (RedisPresence and RedisDriver
 * given the server's URL), "Control time" (the clock calls) and "Use in CI" (a mocha run whose root
 * hook starts Respite on port 0 and hands REDIS_URL to the tests: examples/mocha-root-hook).
 */
import { expect } from 'chai';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import IORedis from 'ioredis';
import { startServer } from '../src/index';
import { colyseusLines } from './clients/colyseus';
import { eventually } from './clients/wait';

/** The project root, for examples/ (the compiled test runs from dist/test or .build/x/test). */
function exampleDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'examples', 'mocha-root-hook'))) dir = path.dirname(dir);
  return path.join(dir, 'examples', 'mocha-root-hook');
}

describe('README: Use with Colyseus', () => {
  it('RedisPresence(redis.url) and RedisDriver(redis.url) work unchanged', async () => {
    const redis = await startServer({ port: 0 });
    // The constructors take `new RedisPresence(url)`; the typed wrapper in clients/colyseus lists options objects.
    const line = colyseusLines()[0] as unknown as { Presence: new (url: string) => import('./clients/colyseus').Presence; Driver: new (url: string) => import('./clients/colyseus').Driver };
    const presence = new line.Presence(redis.url);
    const driver = new line.Driver(redis.url);
    try {
      const got: unknown[] = [];
      await presence.subscribe('t', (d) => got.push(d));
      await presence.publish('t', { ok: true });
      await eventually(() => got.length === 1);
      expect(got).to.deep.equal([{ ok: true }]);
      await driver.persist({ roomId: 'r1', name: 'lobby', processId: 'p', clients: 0, maxClients: 4, locked: false });
      expect(await driver.has('r1')).to.equal(true);
    } finally {
      presence.shutdown();
      await driver.shutdown();
      await redis.stop();
    }
  });
});

describe('README: Control time', () => {
  it('freeze, advance, set and resume drive TTLs without sleeping', async () => {
    const server = await startServer({ port: 0 });
    const redis = new IORedis(server.url);
    try {
      await redis.set('session', 'x', 'EX', 3600);
      server.clock.freeze();
      server.clock.advance(3600 * 1000);
      expect(await redis.exists('session')).to.equal(0);
      server.clock.set(new Date('2030-01-01T00:00:00Z'));
      expect(Number((await redis.time())[0])).to.equal(Date.UTC(2030, 0, 1) / 1000);
      server.clock.resume();
      expect(server.clock.now()).to.be.at.least(Date.UTC(2030, 0, 1));
    } finally {
      redis.disconnect();
      await server.stop();
    }
  });
});

describe('README: Use in CI', () => {
  it('a mocha root hook starts Respite on port 0 and the tests reach it through REDIS_URL', async function () {
    this.timeout(30000);
    const dir = exampleDir();
    const mocha = require.resolve('mocha/bin/mocha.js');
    const out = await new Promise<{ code: number | null; text: string }>((resolve) => {
      const p = spawn(process.execPath, [mocha, '--no-config', '--require', path.join(dir, 'hooks.js'), path.join(dir, 'example.spec.js')], { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      p.stdout.on('data', (d) => (text += d));
      p.stderr.on('data', (d) => (text += d));
      const timer = setTimeout(() => p.kill('SIGKILL'), 25000);
      p.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, text });
      });
    });
    expect(out.text).to.contain('1 passing');
    expect(out.code).to.equal(0);
  });
});
