/**
 * The `respite` CLI as a child process: flags and config files as redis-server reads them (the same
 * FATAL CONFIG messages for the same mistakes, compared with real redis-server), `--port 0`,
 * signals and SHUTDOWN exiting 0, CONFIG REWRITE of the file it was started with. Children are
 * stopped by pid.
 */
import { spawn, spawnSync, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { expect } from 'chai';
import { RawClient } from './client';
import { freePort, redisAvailable } from './servers';

/** The compiled CLI next to this compiled test (dist/ or a per-helper build dir). */
const CLI = path.join(__dirname, '..', 'bin', 'respite.js');

interface Child {
  proc: ChildProcess;
  port: number;
  out: () => string;
  exited: Promise<number | null>;
}

const children: ChildProcess[] = [];

/** Starts the CLI and resolves once it is ready (with the port it printed or was given). */
async function startCli(args: string[], opts: { stdin?: string; port?: number } = {}): Promise<Child> {
  const proc = spawn(process.execPath, [CLI, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(proc);
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString('latin1')));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString('latin1')));
  if (opts.stdin !== undefined) proc.stdin!.end(opts.stdin);
  else proc.stdin!.end();
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const deadline = Date.now() + 10000;
  for (;;) {
    const m = /^port (\d+)$/m.exec(out) ?? /Ready to accept connections tcp on [^:\s]+:(\d+)/.exec(out);
    if (m) return { proc, port: Number(m[1]), out: () => out, exited };
    // A quiet loglevel hides the ready line: then a known port is probed instead.
    if (opts.port !== undefined) {
      const probe = await RawClient.connect(opts.port).catch(() => null);
      if (probe !== null) {
        probe.close();
        return { proc, port: opts.port, out: () => out, exited };
      }
    }
    if (proc.exitCode !== null) throw new Error(`respite exited with ${proc.exitCode}: ${out}`);
    if (Date.now() > deadline) throw new Error(`respite did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Runs a command to completion: exit code and everything it printed. */
function runSync(cmd: string, args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(cmd, args, { encoding: 'latin1', timeout: 10000, input });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function tmpdir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'respite-cli-test-'));
}

/** CONFIG GET of several names as a plain object. */
async function configOf(port: number, names: string[], auth?: string): Promise<Record<string, string>> {
  const c = await RawClient.connect(port);
  try {
    if (auth !== undefined) await c.call('AUTH', auth);
    const out: Record<string, string> = {};
    for (const n of names) {
      const r = (await c.call('CONFIG', 'GET', n)) as string[];
      out[n] = r[1];
    }
    return out;
  } finally {
    c.close();
  }
}

describe('cli', function () {
  this.timeout(20000);

  after(() => {
    for (const p of children) {
      if (p.exitCode !== null || p.signalCode !== null || p.pid === undefined) continue;
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  });

  it('--port 0 prints the chosen port and serves; SIGTERM exits 0', async () => {
    const c = await startCli(['--port', '0']);
    expect(c.out()).to.match(/Ready to accept connections tcp on 127\.0\.0\.1:\d+/);
    const cl = await RawClient.connect(c.port);
    expect(await cl.call('PING')).to.equal('PONG');
    cl.close();
    process.kill(c.proc.pid!, 'SIGTERM');
    expect(await c.exited).to.equal(0);
    expect(c.out()).to.match(/Received SIGTERM scheduling shutdown/);
  });

  it('SIGINT exits 0', async () => {
    const c = await startCli(['--port', '0']);
    process.kill(c.proc.pid!, 'SIGINT');
    expect(await c.exited).to.equal(0);
  });

  it('SHUTDOWN exits 0 and closes clients', async () => {
    const c = await startCli(['--port', '0']);
    const other = await RawClient.connect(c.port);
    await other.call('PING');
    const cl = await RawClient.connect(c.port);
    cl.send('SHUTDOWN', 'NOSAVE');
    await cl.waitClosed();
    await other.waitClosed();
    expect(await c.exited).to.equal(0);
    expect(c.out()).to.match(/User requested shutdown/);
  });

  it('a fixed --port, --bind, --requirepass and --databases take effect', async () => {
    const port = await freePort();
    const c = await startCli(['--port', String(port), '--bind', '127.0.0.1', '--requirepass', 's3cret', '--databases', '4', '--loglevel', 'warning'], { port });
    expect(c.port).to.equal(port);
    const cl = await RawClient.connect(port);
    try {
      expect((await cl.call('PING')).message).to.equal('NOAUTH Authentication required.');
      expect(await cl.call('AUTH', 's3cret')).to.equal('OK');
      expect(await cl.call('SELECT', '3')).to.equal('OK');
      expect((await cl.call('SELECT', '4')).message).to.equal('ERR DB index is out of range');
      expect(await cl.call('CONFIG', 'GET', 'loglevel')).to.deep.equal(['loglevel', 'warning']);
    } finally {
      cl.close();
    }
    process.kill(c.proc.pid!, 'SIGTERM');
    expect(await c.exited).to.equal(0);
    // loglevel warning hides the notice lines.
    expect(c.out()).to.not.match(/Running mode=standalone/);
  });

  it('a busy port is reported and exits 1', async () => {
    const first = await startCli(['--port', '0']);
    const r = runSync(process.execPath, [CLI, '--port', String(first.port)]);
    expect(r.status).to.equal(1);
    expect(r.stdout + r.stderr).to.match(/Could not create server TCP listening socket 127\.0\.0\.1:\d+/);
    process.kill(first.proc.pid!, 'SIGTERM');
    await first.exited;
  });

  const BAD_FLAGS: string[][] = [
    ['--port', 'abc'], ['--foo', 'bar'], ['--port', '7000', '--databases', '0'], ['--maxmemory', '1x'], ['--appendonly', 'maybe'],
    ['--maxmemory-policy', 'lru'], ['--save', '10'], ['--client-output-buffer-limit', 'foo 1 2 3'], ['--notify-keyspace-events', 'Q'],
    ['--hz', '1', '--hz', 'x y'], ['--loglevel', 'nothing'],
  ];
  for (const args of BAD_FLAGS) {
    it(`rejects ${args.join(' ')} exactly as redis-server does, exit 1`, function () {
      const mine = runSync(process.execPath, [CLI, ...args]);
      expect(mine.status).to.equal(1);
      expect(mine.stderr).to.match(/FATAL CONFIG FILE ERROR/);
      if (!redisAvailable) return;
      const theirs = runSync('redis-server', args);
      expect(theirs.status).to.equal(1);
      expect(mine.stderr.trim()).to.equal((theirs.stderr + theirs.stdout).trim());
    });
  }

  it('a bare word after the config file is refused; a missing config file exits 1', () => {
    const r = runSync(process.execPath, [CLI, '/nonexistent/respite.conf']);
    expect(r.status).to.equal(1);
    expect(r.stderr).to.contain("can't open config file '/nonexistent/respite.conf'");
    const r2 = runSync(process.execPath, [CLI, '-x']);
    expect(r2.status).to.equal(1);
    expect(r2.stderr).to.contain("Invalid argument '-x'");
  });

  it('-v and --help', () => {
    const v = runSync(process.execPath, [CLI, '-v']);
    expect(v.status).to.equal(0);
    expect(v.stdout).to.match(/^Respite server v=\d+\.\d+\.\d+ redis=7\.0\.15 /);
    const h = runSync(process.execPath, [CLI, '--help']);
    expect(h.status).to.equal(0);
    expect(h.stdout).to.contain('Usage: respite [/path/to/redis.conf] [options]');
  });

  it('a redis.conf file reads as redis-server reads it, flags after it win', async () => {
    const dir = tmpdir();
    const conf = path.join(dir, 'redis.conf');
    const port = await freePort();
    fs.writeFileSync(conf, [
      '# a comment', '', `port ${port}`, 'save 100 1', 'save 200 2', 'hz 20', 'maxmemory 1gb', 'appendfsync always', 'requirepass "a b"',
      'client-output-buffer-limit pubsub 64mb 16mb 90', 'notify-keyspace-events "KEA"', 'hash-max-ziplist-entries 64', 'tls-port 0', 'maxmemory-policy allkeys-lru',
    ].join('\n') + '\n');
    const names = ['save', 'hz', 'maxmemory', 'appendfsync', 'requirepass', 'client-output-buffer-limit', 'notify-keyspace-events', 'hash-max-listpack-entries', 'maxmemory-policy'];
    const c = await startCli([conf, '--hz', '25', '--save', '300', '3']);
    try {
      const mine = await configOf(c.port, names, 'a b');
      expect(mine.hz).to.equal('25');
      expect(mine.save).to.equal('100 1 200 2 300 3');
      expect(c.out()).to.match(/'tls-port' is a Redis directive Respite does not use: ignored/);
      if (redisAvailable) {
        const rport = await freePort();
        const r = spawn('redis-server', [conf, '--port', String(rport), '--hz', '25', '--save', '300', '3', '--tls-port', '0', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
        children.push(r);
        try {
          let theirs: Record<string, string> | null = null;
          for (let i = 0; i < 100 && theirs === null; i++) {
            await new Promise((res) => setTimeout(res, 30));
            theirs = await configOf(rport, names, 'a b').catch(() => null);
          }
          expect(mine).to.deep.equal(theirs);
        } finally {
          process.kill(r.pid!, 'SIGKILL');
        }
      }
      const cl = await RawClient.connect(c.port);
      await cl.call('AUTH', 'a b');
      const info = String(await cl.call('INFO', 'server'));
      expect(info).to.contain(`config_file:${conf}`);
      cl.close();
    } finally {
      process.kill(c.proc.pid!, 'SIGTERM');
      await c.exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the config from stdin with -', async () => {
    const c = await startCli(['-', '--port', '0'], { stdin: 'hz 33\nmaxmemory 5mb\n' });
    try {
      expect(await configOf(c.port, ['hz', 'maxmemory'])).to.deep.equal({ hz: '33', maxmemory: '5242880' });
    } finally {
      process.kill(c.proc.pid!, 'SIGTERM');
      await c.exited;
    }
  });

  it('CONFIG REWRITE updates the file it started with', async () => {
    const dir = tmpdir();
    const conf = path.join(dir, 'respite.conf');
    fs.writeFileSync(conf, '# keep me\nport 0\nhz 20\nsave 100 1\nsave 200 2\nmaxmemory 1gb\ntls-port 0\n');
    const c = await startCli([conf]);
    const cl = await RawClient.connect(c.port);
    try {
      expect(await cl.call('CONFIG', 'SET', 'hz', '30', 'maxmemory-policy', 'allkeys-lru', 'notify-keyspace-events', 'Ex')).to.equal('OK');
      expect(await cl.call('CONFIG', 'REWRITE')).to.equal('OK');
      const text = fs.readFileSync(conf, 'latin1').split('\n');
      expect(text.slice(0, 7)).to.deep.equal(['# keep me', 'port 0', 'hz 30', 'save 100 1', 'save 200 2', 'maxmemory 1gb', 'tls-port 0']);
      expect(text).to.include('# Generated by CONFIG REWRITE');
      expect(text).to.include('maxmemory-policy allkeys-lru');
      expect(text).to.include('notify-keyspace-events xE');
    } finally {
      cl.close();
      process.kill(c.proc.pid!, 'SIGTERM');
      await c.exited;
    }
    // The rewritten file starts a server with the same settings.
    const again = await startCli([conf]);
    try {
      expect(await configOf(again.port, ['hz', 'maxmemory-policy', 'notify-keyspace-events', 'save'])).to.deep.equal({
        hz: '30', 'maxmemory-policy': 'allkeys-lru', 'notify-keyspace-events': 'xE', save: '100 1 200 2',
      });
    } finally {
      process.kill(again.proc.pid!, 'SIGTERM');
      await again.exited;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('logfile and pidfile', async () => {
    const dir = tmpdir();
    const log = path.join(dir, 'respite.log');
    const pid = path.join(dir, 'respite.pid');
    const proc = spawn(process.execPath, [CLI, '--port', '0', '--logfile', log, '--pidfile', pid], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(proc);
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 200 && !/^port \d+$/m.test(out); i++) await new Promise((r) => setTimeout(r, 20));
      expect(fs.readFileSync(pid, 'utf8').trim()).to.equal(String(proc.pid));
      expect(fs.readFileSync(log, 'utf8')).to.match(/Ready to accept connections/);
      process.kill(proc.pid!, 'SIGTERM');
      expect(await exited).to.equal(0);
      expect(fs.existsSync(pid)).to.equal(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
