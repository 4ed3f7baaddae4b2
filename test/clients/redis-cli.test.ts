/**
 * redis-cli (from redis-tools) against Respite and real Redis: one-shot commands and their
 * formatting, --pipe mass insertion, and an interactive session under a pseudo-terminal (`script`),
 * whose transcripts must be identical on both servers once the port is normalised.
 */
import { expect } from 'chai';
import { spawn, spawnSync } from 'child_process';
import { eachServer, Conn } from '../helpers';
import { targets } from '../servers';

const haveCli = spawnSync('redis-cli', ['--version']).status === 0;
const haveScript = spawnSync('script', ['--version']).status === 0;

function cli(port: number, args: string[], input?: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn('redis-cli', ['-p', String(port), ...args], { stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout!.on('data', (d) => (out += d));
    p.stderr!.on('data', (d) => (out += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), 20000);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
    if (p.stdin !== null) {
      p.stdin.on('error', () => undefined); // redis-cli may exit before reading everything
      p.stdin.end(input);
    }
  });
}

/**
 * Runs redis-cli interactively in a pseudo-terminal 200 columns wide, typing the next keystrokes
 * whenever the screen has been quiet for a moment (the previous reply and the new prompt are drawn).
 */
function interactive(port: number, lines: string[]): Promise<string> {
  return new Promise((resolve) => {
    const p = spawn('script', ['-qfc', `stty cols 200 rows 50; redis-cli -p ${port}`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let sent = 0;
    let quiet: NodeJS.Timeout | null = null;
    const kill = setTimeout(() => p.kill('SIGKILL'), 15000);
    const next = () => {
      if (sent < lines.length) p.stdin.write(lines[sent++]);
    };
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString('latin1');
      if (quiet !== null) clearTimeout(quiet);
      quiet = setTimeout(next, 150);
    });
    p.on('close', () => {
      clearTimeout(kill);
      if (quiet !== null) clearTimeout(quiet);
      resolve(out);
    });
  });
}

/** What a person sees: escape sequences and redraws removed, port replaced. */
function screen(raw: string, port: number): string {
  return raw
    .replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')
    .split('\r\n')
    .map((l) => l.replace(/\r+$/, '').split('\r').pop()!.trimEnd())
    .join('\n')
    .split(String(port))
    .join('PORT');
}

describe('redis-cli', function () {
  before(function () {
    if (!haveCli) this.skip();
  });

  const oneShot: string[][] = [
    ['SET', 'k', 'v'],
    ['GET', 'k'],
    ['GET', 'missing'],
    ['INCR', 'n'],
    ['RPUSH', 'l', 'a', 'b', 'c'],
    ['LRANGE', 'l', '0', '-1'],
    ['HSET', 'h', 'f', 'v'],
    ['HGETALL', 'h'],
    ['ZADD', 'z', '1.5', 'm'],
    ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'],
    ['SMEMBERS', 'nothing'],
    ['HSET', 'k', 'f', 'v'],
    ['NOSUCHCOMMAND', 'x'],
    ['TYPE', 'l'],
  ];

  it('one-shot commands print identically (raw and --no-raw)', async function () {
    const outputs: string[] = [];
    for (const t of targets()) {
      await flushAll(t.port);
      let transcript = '';
      for (const cmd of oneShot) {
        transcript += `> ${cmd.join(' ')}\n${(await cli(t.port, cmd)).out}`;
        transcript += `> --no-raw ${cmd.join(' ')}\n${(await cli(t.port, ['--no-raw', ...cmd])).out}`;
      }
      outputs.push(transcript);
    }
    expect(outputs[0]).to.contain('(integer) 2');
    if (outputs.length === 2) expect(outputs[0]).to.equal(outputs[1]);
  });

  eachServer('--pipe mass insertion reports every reply and no error', async (c: Conn) => {
    let input = '';
    for (let i = 0; i < 20000; i++) input += `*3\r\n$3\r\nSET\r\n$${`key:${i}`.length}\r\nkey:${i}\r\n$${`v${i}`.length}\r\nv${i}\r\n`;
    const r = await cli(c.target.port, ['--pipe'], input);
    expect(r.code).to.equal(0);
    expect(r.out).to.match(/errors: 0, replies: 20000/);
    expect(await c.call('DBSIZE')).to.equal(20000);
  });

  it('an interactive session under a terminal reads the same on both servers', async function () {
    if (!haveScript) return this.skip();
    this.timeout(40000);
    // Each item is keystrokes: '\r' runs the line; 'SET ' alone shows the argument hint, ^U clears it.
    const session = ['SET greeting hello\r', 'GET greeting\r', 'RPUSH l a b\r', 'LRANGE l 0 -1\r', 'HELP GET\r', 'SET ', '\x15HSET greeting f v\r', 'INCR n\r', 'HGETALL nohash\r', 'quit\r'];
    const seen: string[] = [];
    const typed: string[] = [];
    for (const t of targets()) {
      await flushAll(t.port);
      const raw = await interactive(t.port, session);
      seen.push(screen(raw, t.port));
      typed.push(raw.replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''));
    }
    // The hint redis-cli draws while 'SET ' is typed (from COMMAND DOCS) is overwritten later, so it is
    // read from the raw stream.
    expect(typed[0]).to.contain('SET key value [NX|XX]');
    expect(seen[0]).to.contain('"hello"');
    expect(seen[0]).to.contain('1) "a"');
    expect(seen[0]).to.contain('GET key');
    expect(seen[0]).to.contain('(integer) 1');
    expect(seen[0]).to.contain('(error) WRONGTYPE');
    if (seen.length === 2) expect(seen[0]).to.equal(seen[1]);
  });
});

async function flushAll(port: number): Promise<void> {
  const r = await cli(port, ['FLUSHALL']);
  if (!r.out.startsWith('OK')) throw new Error(`FLUSHALL: ${r.out}`);
}
