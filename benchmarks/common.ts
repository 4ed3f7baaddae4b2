/**
 * Shared benchmark plumbing: start Respite (as a child process from dist/, like a user would run it)
 * and a real redis-server side by side on free loopback ports, stop both by pid, read their RSS the
 * same way, send raw RESP over a socket, and run redis-benchmark with a hard time bound.
 */
import { spawn, spawnSync, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/** One server under measurement. */
export interface Bench {
  name: 'respite' | 'redis';
  port: number;
  pid: number;
  proc: ChildProcess;
}

/** Where the compiled CLI lives relative to dist/benchmarks/*.js. */
export const RESPITE_BIN = path.join(__dirname, '..', 'bin', 'respite.js');

/** Both servers must be stopped even when a benchmark throws or is interrupted. */
const running = new Set<Bench>();

/** Sends SIGKILL to every server this process started (exit, SIGINT, SIGTERM). */
function killAll(): void {
  for (const b of running) {
    try {
      process.kill(b.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  running.clear();
}
process.on('exit', killAll);
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}

/** True when the redis tools are on PATH. */
export function haveRedis(): boolean {
  return spawnSync('redis-server', ['--version']).status === 0 && spawnSync('redis-benchmark', ['--version']).status === 0;
}

/** Exits with a clear message unless the redis tools are on PATH. */
export function requireRedis(): void {
  if (!haveRedis()) {
    console.error('redis-server and redis-benchmark must be on PATH (apt-get install redis-server redis-tools)');
    process.exit(1);
  }
}

/** A free loopback TCP port (bound then released). */
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

/** Polls PING until the server answers or the deadline passes. */
async function waitPing(port: number, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const r = await command(port, ['PING'], 1000);
      if (r.startsWith('+PONG')) return;
    } catch {
      // not accepting yet
    }
    if (Date.now() > deadline) throw new Error(`server on port ${port} did not answer PING within ${ms} ms`);
    await sleep(25);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** The V8 flags the `respite` command runs with (its shebang line), so the benchmark measures that program. */
export const RESPITE_NODE_FLAGS = ['--max-semi-space-size=2'];

/** Starts `node <flags> dist/bin/respite.js --port 0` and reads the `port N` line it prints. */
export function startRespite(extra: string[] = []): Promise<Bench> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [...RESPITE_NODE_FLAGS, RESPITE_BIN, '--port', '0', ...extra], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    let found = false;
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`respite did not print its port within 10 s; output: ${out}`));
    }, 10000);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`respite exited early (code ${code}); output: ${out}`));
    });
    proc.stdout!.setEncoding('latin1');
    proc.stdout!.on('data', (chunk: string) => {
      if (out.length < 65536) out += chunk;
      const m = /^port (\d+)$/m.exec(out);
      if (m && !found) {
        found = true;
        clearTimeout(timer);
        const b: Bench = { name: 'respite', port: Number(m[1]), pid: proc.pid!, proc };
        running.add(b);
        waitPing(b.port, 5000).then(() => resolve(b), reject);
      }
    });
  });
}

/** Starts a real redis-server on a free port with persistence off. */
export async function startRedis(extra: string[] = []): Promise<Bench> {
  const port = await freePort();
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', ...extra], {
    stdio: 'ignore',
  });
  const b: Bench = { name: 'redis', port, pid: proc.pid!, proc };
  running.add(b);
  await waitPing(port, 5000);
  return b;
}

/** Stops a server by its pid and waits (bounded) for the process to go away. */
export async function stop(b: Bench): Promise<void> {
  running.delete(b);
  if (b.proc.exitCode !== null || b.proc.signalCode !== null) return;
  const gone = new Promise<void>((r) => b.proc.once('exit', () => r()));
  try {
    process.kill(b.pid, 'SIGKILL');
  } catch {
    return;
  }
  await Promise.race([gone, sleep(3000)]);
}

/** VmRSS of a process in bytes, from /proc/<pid>/status (the same probe for both servers). */
export function rssBytes(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'latin1');
  const m = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]) * 1024;
}

/** RESP encoding of one command (latin1: one char per byte). */
export function encode(args: string[]): string {
  let s = `*${args.length}\r\n`;
  for (const a of args) s += `$${a.length}\r\n${a}\r\n`;
  return s;
}

/** Sends one command on a fresh connection and returns the raw reply text (first frame, simple types). */
export function command(port: number, args: string[], timeoutMs = 5000): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    let buf = '';
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`no reply to ${args[0]} within ${timeoutMs} ms`));
    }, timeoutMs);
    s.setEncoding('latin1');
    s.on('connect', () => s.write(encode(args), 'latin1'));
    s.on('data', (d: string) => {
      buf += d;
      if (frameEnd(buf, 0) !== -1) {
        clearTimeout(timer);
        s.destroy();
        resolve(buf);
      }
    });
    s.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** Offset just past the complete RESP2 frame at `pos`, or -1 if incomplete. */
export function frameEnd(buf: string, pos: number): number {
  if (pos >= buf.length) return -1;
  const lf = buf.indexOf('\n', pos);
  if (lf === -1) return -1;
  const t = buf[pos];
  if (t === '+' || t === '-' || t === ':') return lf + 1;
  const n = Number(buf.slice(pos + 1, lf - 1));
  if (t === '$') {
    if (n < 0) return lf + 1;
    return buf.length >= lf + 1 + n + 2 ? lf + 1 + n + 2 : -1;
  }
  if (t === '*') {
    let p = lf + 1;
    for (let i = 0; i < n; i++) {
      p = frameEnd(buf, p);
      if (p === -1) return -1;
    }
    return p;
  }
  throw new Error(`unexpected reply byte ${JSON.stringify(t)}`);
}

/**
 * Streams `total` commands made by `make(i)` over one connection, keeping at most `window` replies
 * outstanding, and resolves when every reply arrived. Replies are only counted (and checked not to
 * be errors), so this measures the server, not the client.
 */
export function pipeline(port: number, total: number, make: (i: number) => string[], window = 1000, timeoutMs = 300000): Promise<void> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1' });
    s.setNoDelay(true);
    let sent = 0;
    let done = 0;
    let rest = '';
    const timer = setTimeout(() => {
      s.destroy();
      reject(new Error(`pipeline: ${done}/${total} replies after ${timeoutMs} ms`));
    }, timeoutMs);
    const pump = () => {
      let chunk = '';
      while (sent < total && sent - done < window) {
        chunk += encode(make(sent));
        sent++;
        if (chunk.length > 65536) break;
      }
      if (chunk.length > 0) s.write(chunk, 'latin1');
    };
    s.setEncoding('latin1');
    s.on('connect', pump);
    s.on('data', (d: string) => {
      rest += d;
      let p = 0;
      for (;;) {
        const e = frameEnd(rest, p);
        if (e === -1) break;
        if (rest[p] === '-') {
          clearTimeout(timer);
          s.destroy();
          reject(new Error(`server error: ${rest.slice(p, e - 2)}`));
          return;
        }
        p = e;
        done++;
      }
      rest = rest.slice(p);
      if (done === total) {
        clearTimeout(timer);
        s.end();
        resolve();
      } else pump();
    });
    s.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** True when the server knows the command (it does not answer `ERR unknown command`). */
export async function supports(port: number, args: string[]): Promise<boolean> {
  const r = await command(port, args);
  return !r.startsWith('-ERR unknown command');
}

/** Result of one redis-benchmark run. */
export interface BenchRow {
  test: string;
  rps: number;
}

/**
 * Runs redis-benchmark with --csv and returns its rows, killing it after `timeoutMs`. Rows produced
 * only as set-up (`LPUSH (needed to benchmark LRANGE)`) are dropped.
 */
export function redisBenchmark(port: number, args: string[], timeoutMs: number): Promise<BenchRow[]> {
  return new Promise((resolve, reject) => {
    const proc = spawn('redis-benchmark', ['-h', '127.0.0.1', '-p', String(port), '--csv', '-q', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.setEncoding('latin1');
    proc.stderr.setEncoding('latin1');
    proc.stdout.on('data', (d: string) => (out += d));
    proc.stderr.on('data', (d: string) => (err += d));
    const timer = setTimeout(() => proc.kill('SIGKILL'), timeoutMs);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== null) return reject(new Error(`redis-benchmark ${args.join(' ')} killed after ${timeoutMs} ms`));
      if (code !== 0) return reject(new Error(`redis-benchmark ${args.join(' ')} failed (${code}): ${(err + out).trim().slice(0, 300)}`));
      const rows: BenchRow[] = [];
      for (const line of out.split('\n')) {
        const m = /^"([^"]*)","([\d.]+)"/.exec(line.trim());
        if (!m || m[1].includes('needed to benchmark')) continue;
        rows.push({ test: m[1], rps: Number(m[2]) });
      }
      resolve(rows);
    });
  });
}

/** Median of a non-empty list. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Geometric mean of positive numbers (NaN for an empty list). */
export function geomean(xs: number[]): number {
  if (xs.length === 0) return NaN;
  return Math.exp(xs.reduce((a, x) => a + Math.log(x), 0) / xs.length);
}

/** Right-aligned fixed-width table for terminal output. */
export function table(header: string[], rows: string[][]): string {
  const w = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  return [line(header), w.map((n) => '-'.repeat(n)).join('  '), ...rows.map(line)].join('\n');
}

/** Value of `--name value` in argv, or undefined. */
export function flag(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  return i !== -1 && i + 1 < argv.length ? argv[i + 1] : undefined;
}

/** A number with thousands separators and no decimals. */
export function fmt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

/** The 1/5/15-minute load averages: other work on a 2-core machine skews every figure. */
export function load(): string {
  return os.loadavg().map((x) => x.toFixed(2)).join(' ');
}
