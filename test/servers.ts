/**
 * The servers under test: one Respite started in-process and, when a `redis-server` binary is on
 * PATH, one real Redis 7 child process, both on free loopback ports. Started once by the mocha root
 * hooks (test/setup.ts) and stopped by pid at the end.
 */
import { spawn, spawnSync, ChildProcess } from 'child_process';
import * as net from 'net';
import { startServer, RespiteServer } from '../src/index';
import { RawClient } from './client';

export interface Target {
  name: 'respite' | 'redis';
  port: number;
  /** Respite's handle (clock, stop…); undefined for real Redis. */
  respite?: RespiteServer;
}

let respite: RespiteServer | null = null;
let redis: ChildProcess | null = null;
let redisPort = 0;

/** True when real Redis is installed (then every twin test also runs against it). */
export const redisAvailable = spawnSync('redis-server', ['--version']).status === 0;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Spawns a real redis-server on a free port with persistence off; resolves once it answers PING. */
export async function spawnRedis(extra: string[] = [], fixedPort?: number): Promise<{ proc: ChildProcess; port: number }> {
  const port = fixedPort ?? (await freePort());
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra], {
    stdio: 'ignore',
  });
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      const c = await RawClient.connect(port);
      const pong = await c.call('PING');
      c.close();
      if (pong === 'PONG') return { proc, port };
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) {
      proc.kill('SIGKILL');
      throw new Error('redis-server did not start within 5 s');
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}

export async function startTargets(): Promise<void> {
  if (respite === null) respite = await startServer({ port: 0 });
  if (redisAvailable && redis === null) {
    const r = await spawnRedis();
    redis = r.proc;
    redisPort = r.port;
  }
}

export async function stopTargets(): Promise<void> {
  if (respite !== null) await respite.stop();
  respite = null;
  if (redis !== null && redis.pid !== undefined) {
    process.kill(redis.pid, 'SIGKILL');
    redis = null;
  }
}

/** The servers every twin test runs against. */
export function targets(): Target[] {
  const list: Target[] = [];
  if (respite !== null) list.push({ name: 'respite', port: respite.port, respite });
  if (redis !== null) list.push({ name: 'redis', port: redisPort });
  return list;
}

export function respiteServer(): RespiteServer {
  if (respite === null) throw new Error('Respite not started (root hooks missing?)');
  return respite;
}
