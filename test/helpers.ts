/**
 * Twin tests. `eachServer(title, fn)` registers the same case once per server (Respite and, when
 * installed, real Redis): the same assertions must hold on both. `compare(...)` sends one command
 * sequence to both and fails on any byte of difference in the replies. Every case starts on a
 * fresh connection with all databases flushed.
 */
import { expect } from 'chai';
import { RawClient } from './client';
import { targets, Target } from './servers';

export type Cmd = Array<string | number | Buffer>;

/** A connection to one target, flushed, plus helpers for that target. */
export interface Conn extends RawClient {
  target: Target;
}

/** Connects to a target and flushes it (FLUSHALL, then back to DB 0 and RESP2). */
export async function connect(target: Target): Promise<Conn> {
  const c = (await RawClient.connect(target.port, target.name)) as Conn;
  c.target = target;
  return c;
}

async function fresh(target: Target): Promise<Conn> {
  const c = await connect(target);
  const r = await c.call('FLUSHALL');
  if (r !== 'OK') throw new Error(`${target.name}: FLUSHALL answered ${String(r)}`);
  if (target.respite) {
    // Earlier cases may have frozen or advanced the shared clock: back to running wall time.
    target.respite.clock.resume();
    target.respite.clock.set(Date.now());
  }
  return c;
}

/**
 * Registers `fn` as one mocha case per server. Extra connections can be opened with `connect(c.target)`.
 * Connections opened through `open` are closed after the case.
 */
export function eachServer(title: string, fn: (c: Conn, open: () => Promise<Conn>) => Promise<void>): void {
  for (const name of ['respite', 'redis'] as const) {
    it(`${title} [${name}]`, async function () {
      const target = targets().find((t) => t.name === name);
      if (target === undefined) return this.skip();
      const extra: Conn[] = [];
      const c = await fresh(target);
      try {
        await fn(c, async () => {
          const x = await connect(target);
          extra.push(x);
          // One round trip, so the server has accepted (and registered) the connection before the
          // case refers to it from another one (CLIENT KILL, CLIENT LIST…).
          await x.call('PING');
          return x;
        });
      } finally {
        c.close();
        for (const x of extra) x.close();
      }
    });
  }
}

/** Sends the commands in order and returns the raw reply frames. */
export async function run(c: RawClient, cmds: Cmd[]): Promise<string[]> {
  const out: string[] = [];
  for (const cmd of cmds) out.push(await c.raw(...cmd));
  return out;
}

/**
 * Runs the same commands on Respite and real Redis and asserts byte-identical replies. Without real
 * Redis it still runs them on Respite (so crashes and hangs are caught) and returns its replies.
 */
export async function compare(...cmds: Cmd[]): Promise<string[]> {
  const results: Array<[string, string[]]> = [];
  for (const target of targets()) {
    const c = await fresh(target);
    try {
      results.push([target.name, await run(c, cmds)]);
    } finally {
      c.close();
    }
  }
  if (results.length === 2) {
    const [a, b] = results;
    for (let i = 0; i < cmds.length; i++) {
      expect(JSON.stringify(a[1][i]), `reply to ${JSON.stringify(cmds[i].map(String))} (${a[0]} vs ${b[0]})`).to.equal(JSON.stringify(b[1][i]));
    }
  }
  return results[0][1];
}

/** Registers a compare() case: `same('GET of a missing key is nil', ['GET', 'x'])`. */
export function same(title: string, ...cmds: Cmd[]): void {
  it(title, async () => {
    await compare(...cmds);
  });
}

/**
 * Like same(), on RESP3 connections: HELLO 3 first (not compared: its reply carries the connection
 * id), then every reply byte-for-byte against real Redis.
 */
export function same3(title: string, ...cmds: Cmd[]): void {
  it(title, async () => {
    const results: string[][] = [];
    for (const target of targets()) {
      const c = await connect(target);
      try {
        await c.call('FLUSHALL');
        await c.call('HELLO', '3');
        results.push(await run(c, cmds));
      } finally {
        c.close();
      }
    }
    if (results.length === 2) {
      for (let i = 0; i < cmds.length; i++) expect(results[0][i], `reply to ${JSON.stringify(cmds[i].map(String))}`).to.equal(results[1][i]);
    }
  });
}

export { expect };
export { ReplyError } from './resp';
