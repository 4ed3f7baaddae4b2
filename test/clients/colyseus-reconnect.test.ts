/**
 * Colyseus deployments outlive server restarts: after the server comes back on the same port, the
 * presence resubscribes (ioredis and RedisPresence both send SUBSCRIBE again) and each publish is
 * still delivered once. Also two Node processes exchanging IPC messages through the server.
 */
import { expect } from 'chai';
import { spawn, ChildProcess } from 'child_process';
import * as path from 'path';
import { startServer } from '../../src/index';
import { spawnRedis, redisAvailable, freePort } from '../servers';
import { colyseusLines } from './colyseus';
import { eventually, sleep } from './wait';

interface Restartable {
  start(port: number): Promise<void>;
  stop(): Promise<void>;
}

function respiteServer(): Restartable {
  let s: Awaited<ReturnType<typeof startServer>> | null = null;
  return {
    async start(port) {
      s = await startServer({ port });
    },
    async stop() {
      await s?.stop();
    },
  };
}

function redisServer(): Restartable {
  let proc: ChildProcess | null = null;
  return {
    async start(port) {
      proc = (await spawnRedis([], port)).proc;
    },
    async stop() {
      if (proc?.pid !== undefined) {
        const p = proc;
        const exited = new Promise((r) => p.once('exit', r));
        process.kill(p.pid!, 'SIGKILL');
        await exited;
      }
    },
  };
}

const kinds: Array<['respite' | 'redis', () => Restartable]> = [['respite', respiteServer], ['redis', redisServer]];

for (const line of colyseusLines()) {
  describe(`Colyseus ${line.version} RedisPresence across a server restart`, () => {
    for (const [name, make] of kinds) {
      it(`resubscribes and still delivers each publish once [${name}]`, async function () {
        if (name === 'redis' && !redisAvailable) return this.skip();
        this.timeout(20000);
        const server = make();
        const port = await freePort();
        await server.start(port);
        const sub = new line.Presence({ host: '127.0.0.1', port, retryStrategy: () => 50 });
        const pub = new line.Presence({ host: '127.0.0.1', port, retryStrategy: () => 50 });
        try {
          const got: unknown[] = [];
          await sub.subscribe('room:r', (d) => got.push(d));
          await pub.publish('room:r', 1);
          await eventually(() => got.length === 1);
          await server.stop();
          await sleep(100);
          await server.start(port);
          // Wait for the resubscription, then publish until one arrives (the publisher reconnects too).
          const deadline = Date.now() + 8000;
          while (got.length === 1 && Date.now() < deadline) {
            await pub.publish('room:r', 2).catch(() => undefined);
            await sleep(100);
          }
          expect(got.length).to.equal(2);
          got.length = 0;
          await sleep(200);
          await pub.publish('room:r', 3);
          await eventually(() => got.length >= 1);
          await sleep(100);
          expect(got).to.deep.equal([3]);
        } finally {
          sub.shutdown();
          pub.shutdown();
          await sleep(20);
          await server.stop();
        }
      });
    }
  });
}

describe('Colyseus RedisPresence between two processes', () => {
  it('two Node processes exchange IPC request/response messages through Respite', async function () {
    this.timeout(20000);
    const server = await startServer({ port: 0 });
    const worker = path.join(__dirname, 'ipc-worker.js');
    const children: ChildProcess[] = [];
    const run = (role: string) =>
      new Promise<string>((resolve, reject) => {
        const child = spawn(process.execPath, [worker, String(server.port), role], { stdio: ['ignore', 'pipe', 'inherit'] });
        children.push(child);
        let out = '';
        child.stdout!.on('data', (d) => (out += d));
        child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${role} exited ${code}: ${out}`))));
      });
    try {
      const responder = run('responder');
      await sleep(300);
      const requester = await run('requester');
      expect(requester).to.equal('ok 20 replies');
      expect(await responder).to.equal('ok 20 requests');
    } finally {
      for (const c of children) if (c.exitCode === null && c.pid !== undefined) process.kill(c.pid, 'SIGKILL');
      await server.stop();
    }
  });
});
