/**
 * Helpers for the pub/sub, keyspace-notification and output-limit tests: switching a connection to
 * RESP3, setting CONFIG on either server, reading a fixed number of frames, collecting messages up
 * to a sentinel, and `twin` cases that run one scenario on Respite and real Redis and compare results.
 */
import { expect } from 'chai';
import { connect, Conn } from '../helpers';
import { targets, Target } from '../servers';
import type { Client } from '../../src/connection';

/** The server-side Respite client behind a test connection (matched by its local port). */
export function serverSide(c: Conn): Client {
  const r = c.target.respite;
  if (r === undefined) throw new Error('serverSide() needs a Respite connection');
  for (const sc of r.server.clients.values()) if (sc.socket.remotePort === c.socket.localPort) return sc;
  throw new Error('no server-side client for this connection');
}

/**
 * Switches the connection to RESP3 with HELLO 3. Until Respite has HELLO, its protocol is set on
 * the server side directly (the HELLO reply itself is then not part of any comparison).
 */
export async function resp3(c: Conn): Promise<void> {
  const r = await c.call('HELLO', '3');
  if (r instanceof Error) {
    if (c.target.respite === undefined) throw r;
    serverSide(c).out.protocol = 3;
  }
}

/** CONFIG SET on either server; falls back to Respite's Config object while CONFIG is not there. */
export async function setConfig(c: Conn, name: string, value: string): Promise<void> {
  const r = await c.call('CONFIG', 'SET', name, value);
  if (r === 'OK') return;
  if (c.target.respite === undefined) throw new Error(`CONFIG SET ${name} failed: ${String(r)}`);
  c.target.respite.config.set(name, value);
}

/** CONFIG GET of one parameter (Respite's Config object while CONFIG is not there). */
export async function getConfig(c: Conn, name: string): Promise<string> {
  const r = await c.call('CONFIG', 'GET', name);
  if (Array.isArray(r) && r.length === 2) return String(r[1]);
  if (r instanceof Map) return String([...r.values()][0]);
  if (c.target.respite === undefined) throw new Error(`CONFIG GET ${name} failed`);
  return c.target.respite.config.get(name);
}

/** Sends one command and returns the next n raw frames. */
export async function frames(c: Conn, n: number, ...cmd: Array<string | number | Buffer>): Promise<string[]> {
  if (cmd.length !== 0) c.send(...cmd);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push((await c.frame()).raw);
  return out;
}

/** Reads raw frames until one contains `marker` (included), failing after timeoutMs. */
export async function until(c: Conn, marker: string, timeoutMs = 5000): Promise<string[]> {
  const out: string[] = [];
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const f = await c.frame(Math.max(1, deadline - Date.now()));
    out.push(f.raw);
    if (f.raw.includes(marker)) return out;
  }
}

/** Polls fn until it returns true or timeoutMs passes. */
export async function eventually(fn: () => Promise<boolean>, timeoutMs = 5000, label = 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await fn()) return;
    if (Date.now() > deadline) throw new Error(`${label} not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/**
 * Registers one case that runs `scenario` on each server (fresh, flushed connection; extra
 * connections from `open` are closed afterwards) and asserts the results are deeply equal.
 */
export function twin<T>(title: string, scenario: (c: Conn, open: () => Promise<Conn>) => Promise<T>): void {
  it(title, async function () {
    const results: Array<[string, T]> = [];
    for (const target of targets()) results.push([target.name, await runOn(target, scenario)]);
    if (process.env.TWIN_DUMP) for (const [name, r] of results) console.log(`      ${name}: ${JSON.stringify(r).slice(0, 3000)}`);
    if (results.length === 2) {
      expect(results[0][1], `${results[0][0]} vs ${results[1][0]}`).to.deep.equal(results[1][1]);
    }
  });
}

/** Runs a scenario on one server with the same setup as twin(). */
export async function runOn<T>(target: Target, scenario: (c: Conn, open: () => Promise<Conn>) => Promise<T>): Promise<T> {
  if (target.respite) target.respite.clock.resume();
  const c = await connect(target);
  const extra: Conn[] = [];
  try {
    const r = await c.call('FLUSHALL');
    if (r !== 'OK') throw new Error(`${target.name}: FLUSHALL answered ${String(r)}`);
    return await scenario(c, async () => {
      const x = await connect(target);
      extra.push(x);
      return x;
    });
  } finally {
    c.close();
    for (const x of extra) x.close();
  }
}
