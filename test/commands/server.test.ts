/**
 * Server commands — twins with real Redis: INFO (sections, field names, formats), DBSIZE, FLUSHDB /
 * FLUSHALL, TIME, LASTSAVE, SAVE / BGSAVE, ROLE, SLOWLOG, DEBUG, SHUTDOWN and COMMAND. DEBUG,
 * SAVE and SHUTDOWN run against a dedicated pair of servers (debug enabled, Redis writing into a
 * temporary directory) so the shared ones are left alone.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ChildProcess } from 'child_process';
import { expect, same, eachServer, connect, run, Conn, Cmd } from '../helpers';
import { targets, spawnRedis, redisAvailable, Target } from '../servers';
import { startServer, RespiteServer } from '../../src/index';
import { RawClient } from '../client';
import { Verbatim } from '../resp';

/** The INFO text whatever the protocol. */
function text(v: unknown): string {
  return v instanceof Verbatim ? v.text : String(v);
}

/** Section headers of an INFO text, in order. */
function headers(info: string): string[] {
  return info.split('\r\n').filter((l) => l.startsWith('# '));
}

/** Field names of an INFO text, in order. */
function fieldNames(info: string): string[] {
  return info.split('\r\n').filter((l) => l !== '' && !l.startsWith('#')).map((l) => l.slice(0, l.indexOf(':')));
}

/** Field → value of an INFO text. */
function infoFields(info: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const l of info.split('\r\n')) {
    const i = l.indexOf(':');
    if (i > 0 && !l.startsWith('#')) m.set(l.slice(0, i), l.slice(i + 1));
  }
  return m;
}

/** Runs fn on each server and asserts both give the same result. */
function sameResult<T>(title: string, fn: (c: Conn) => Promise<T>): void {
  it(title, async () => {
    const results: T[] = [];
    for (const t of targets()) {
      const c = await connect(t);
      try {
        await c.call('FLUSHALL');
        results.push(await fn(c));
      } finally {
        c.close();
      }
    }
    if (results.length === 2) expect(results[0]).to.deep.equal(results[1]);
  });
}

/** A dedicated Respite and (when installed) Redis with DEBUG enabled; Redis saves into a temp dir. */
class Pair {
  respite!: RespiteServer;
  redis: { proc: ChildProcess; port: number } | null = null;
  dir = '';

  async start(): Promise<void> {
    this.dir = fs.mkdtempSync(path.join(os.tmpdir(), 'respite-server-test-'));
    this.respite = await startServer({ port: 0, 'enable-debug-command': 'yes' });
    if (redisAvailable) this.redis = await spawnRedis(['--enable-debug-command', 'yes', '--dir', this.dir]);
  }

  targets(): Target[] {
    const list: Target[] = [{ name: 'respite', port: this.respite.port, respite: this.respite }];
    if (this.redis !== null) list.push({ name: 'redis', port: this.redis.port });
    return list;
  }

  async stop(): Promise<void> {
    await this.respite?.stop();
    if (this.redis?.proc.pid !== undefined && this.redis.proc.exitCode === null) process.kill(this.redis.proc.pid, 'SIGKILL');
    if (this.dir !== '') fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Sends the same commands to both servers of a pair and compares the replies byte for byte. */
async function comparePair(pair: Pair, ...cmds: Cmd[]): Promise<void> {
  const results: string[][] = [];
  for (const t of pair.targets()) {
    const c = await RawClient.connect(t.port, t.name);
    try {
      results.push(await run(c, cmds));
    } finally {
      c.close();
    }
  }
  if (results.length === 2) {
    for (let i = 0; i < cmds.length; i++) expect(results[0][i], `reply to ${JSON.stringify(cmds[i].map(String))}`).to.equal(results[1][i]);
  }
}

describe('server: INFO', () => {
  sameResult('default sections, in order', async (c) => headers(text(await c.call('INFO'))));
  sameResult('all and everything', async (c) => [headers(text(await c.call('INFO', 'all'))), headers(text(await c.call('INFO', 'everything')))]);
  sameResult('section selection: several, case, duplicates, unknown', async (c) => [
    headers(text(await c.call('INFO', 'server', 'clients'))),
    headers(text(await c.call('INFO', 'KEYSPACE', 'Server'))),
    headers(text(await c.call('INFO', 'default', 'commandstats'))),
    headers(text(await c.call('INFO', 'foo', 'cluster'))),
  ]);
  same('exact bytes of small sections', ['INFO', 'cluster'], ['INFO', 'keyspace'], ['INFO', 'cluster', 'keyspace'], ['INFO', 'cluster', 'cluster'], ['INFO', 'foo'], ['INFO', 'modules']);
  for (const section of ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'cluster']) {
    sameResult(`${section} field names`, async (c) => fieldNames(text(await c.call('INFO', section))));
  }
  sameResult('keyspace lines for non-empty databases only', async (c) => {
    await run(c, [['SET', 'a', '1'], ['SET', 'b', '2', 'EX', '100'], ['SELECT', '3'], ['HSET', 'h', 'f', 'v']]);
    return text(await c.call('INFO', 'keyspace')).replace(/avg_ttl=\d+/g, 'avg_ttl=N');
  });
  sameResult('fixed values an idle standalone master reports', async (c) => {
    const f = infoFields(text(await c.call('INFO', 'everything')));
    return ['redis_version', 'redis_mode', 'arch_bits', 'loading', 'async_loading', 'role', 'connected_slaves', 'cluster_enabled', 'maxmemory', 'maxmemory_human', 'maxmemory_policy', 'rdb_bgsave_in_progress', 'aof_enabled', 'tracking_clients']
      .map((k) => `${k}:${f.get(k)}`);
  });
  eachServer('value formats', async (c) => {
    const f = infoFields(text(await c.call('INFO', 'everything')));
    expect(f.get('run_id')).to.match(/^[0-9a-f]{40}$/);
    expect(f.get('master_replid')).to.match(/^[0-9a-f]{40}$/);
    expect(f.get('tcp_port')).to.equal(String(c.target.port));
    expect(f.get('process_id')).to.match(/^\d+$/);
    expect(f.get('used_memory_human')).to.match(/^\d+(\.\d\d[KMGTP])?B?$/);
    expect(f.get('used_cpu_user')).to.match(/^\d+\.\d{6}$/);
    expect(f.get('used_memory_peak_perc')).to.match(/^\d+\.\d\d%$/);
    expect(Number(f.get('server_time_usec'))).to.be.closeTo(Date.now() * 1000, 5e6);
    expect(Number(f.get('lru_clock'))).to.be.lessThan(2 ** 24);
  });
  eachServer('clients, blocked clients and pub/sub counts', async (c, open) => {
    const b = await open();
    b.send('BLPOP', 'q', '0');
    const s = await open();
    await s.call('SUBSCRIBE', 'c1', 'c2');
    await s.call('PSUBSCRIBE', 'p*');
    await new Promise((r) => setTimeout(r, 30));
    const f = infoFields(text(await c.call('INFO', 'clients', 'stats')));
    expect(f.get('connected_clients')).to.equal('3');
    expect(f.get('blocked_clients')).to.equal('1');
    expect(f.get('pubsub_channels')).to.equal('2');
    expect(f.get('pubsub_patterns')).to.equal('1');
    await c.call('RPUSH', 'q', 'x');
  });
  eachServer('RESP3 answers a verbatim string', async (c) => {
    await c.call('HELLO', '3');
    expect(await c.raw('INFO', 'cluster')).to.equal('=34\r\ntxt:# Cluster\r\ncluster_enabled:0\r\n\r\n');
  });
  eachServer('uptime and expired_keys follow the clock', async (c) => {
    if (!c.target.respite) return;
    const clock = c.target.respite.clock;
    const before = infoFields(text(await c.call('INFO', 'server', 'stats')));
    await c.call('SET', 'k', 'v', 'PX', '1000');
    clock.advance(3 * 86400 * 1000);
    try {
      const after = infoFields(text(await c.call('INFO', 'server', 'stats')));
      expect(Number(after.get('uptime_in_seconds')) - Number(before.get('uptime_in_seconds'))).to.be.within(3 * 86400, 3 * 86400 + 5);
      expect(Number(after.get('uptime_in_days'))).to.be.greaterThanOrEqual(3);
      expect(Number(after.get('expired_keys'))).to.be.greaterThan(Number(before.get('expired_keys')));
    } finally {
      clock.resume();
      clock.set(Date.now());
    }
  });
  same('arity of INFO is open', ['INFO', 'cluster', 'keyspace', 'foo', 'bar']);
});

describe('server: DBSIZE, FLUSHDB, FLUSHALL', () => {
  same('DBSIZE counts the selected database', ['DBSIZE'], ['SET', 'a', '1'], ['SET', 'b', '1'], ['DBSIZE'], ['SELECT', '1'], ['DBSIZE'], ['DBSIZE', 'x']);
  same('FLUSHDB empties one database', ['SET', 'a', '1'], ['SELECT', '1'], ['SET', 'b', '1'], ['FLUSHDB'], ['DBSIZE'], ['SELECT', '0'], ['DBSIZE']);
  same('FLUSHALL empties them all', ['SET', 'a', '1'], ['SELECT', '1'], ['SET', 'b', '1'], ['FLUSHALL'], ['DBSIZE'], ['SELECT', '0'], ['DBSIZE']);
  same(
    'ASYNC / SYNC and syntax errors',
    ['SET', 'a', '1'], ['FLUSHDB', 'ASYNC'], ['SET', 'a', '1'], ['FLUSHDB', 'sync'], ['FLUSHALL', 'async'], ['FLUSHALL', 'SYNC'], ['FLUSHALL', 'foo'],
    ['FLUSHDB', 'async', 'x'], ['FLUSHALL', 'ASYNC', 'x'], ['FLUSHDB', 'now'],
  );
  eachServer('FLUSHALL invalidates WATCH', async (c, open) => {
    await c.call('SET', 'k', '1');
    await c.call('WATCH', 'k');
    await (await open()).call('FLUSHALL');
    await c.call('MULTI');
    await c.call('PING');
    expect(await c.call('EXEC')).to.equal(null);
  });
});

describe('server: TIME, LASTSAVE, ROLE, SLOWLOG', () => {
  eachServer('TIME is [seconds, microseconds] as bulk strings', async (c) => {
    const [s, us] = (await c.call('TIME')) as string[];
    expect(s).to.match(/^\d+$/);
    expect(us).to.match(/^\d+$/);
    expect(Number(us)).to.be.lessThan(1e6);
    expect(Number(s)).to.be.closeTo(Date.now() / 1000, 5);
  });
  eachServer('TIME follows the server clock', async (c) => {
    if (!c.target.respite) return;
    const clock = c.target.respite.clock;
    clock.freeze();
    try {
      clock.set(Date.UTC(2030, 0, 1, 0, 0, 0, 250));
      expect(await c.call('TIME')).to.deep.equal([String(Date.UTC(2030, 0, 1) / 1000), '250000']);
      clock.advance(1500);
      expect(await c.call('TIME')).to.deep.equal([String(Date.UTC(2030, 0, 1) / 1000 + 1), '750000']);
    } finally {
      clock.resume();
      clock.set(Date.now());
    }
  });
  same('TIME and LASTSAVE arity', ['TIME', 'x'], ['LASTSAVE', 'x']);
  eachServer('LASTSAVE is a unix time not in the future', async (c) => {
    const t = await c.call('LASTSAVE');
    expect(t).to.be.a('number');
    expect(t).to.be.at.most(Math.ceil(Date.now() / 1000) + 1);
  });
  same('ROLE of a master', ['ROLE'], ['ROLE', 'x']);
  same('SLOWLOG LEN, GET, RESET and HELP', ['SLOWLOG', 'RESET'], ['SLOWLOG', 'LEN'], ['SLOWLOG', 'GET'], ['SLOWLOG', 'GET', '-1'], ['SLOWLOG', 'GET', '5'], ['SLOWLOG', 'HELP']);
  same('SLOWLOG errors', ['SLOWLOG', 'GET', 'x'], ['SLOWLOG', 'GET', '-2'], ['SLOWLOG'], ['SLOWLOG', 'FOO'], ['SLOWLOG', 'LEN', 'x'], ['SLOWLOG', 'GET', '1', '2']);
  same('DEBUG is off unless enabled', ['DEBUG', 'SLEEP', '0'], ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'], ['DEBUG']);
  same('SAVE and SHUTDOWN are refused inside MULTI', ['MULTI'], ['SAVE'], ['SHUTDOWN'], ['EXEC']);
});

describe('server: COMMAND', () => {
  eachServer('COUNT matches the number of COMMAND entries', async (c) => {
    const n = await c.call('COMMAND', 'COUNT');
    const all = (await c.call('COMMAND')) as unknown[];
    expect(all.length).to.equal(n);
    expect((await c.call('COMMAND', 'INFO')).length).to.equal(n);
  });
  it('COMMAND INFO matches Redis for every command Respite implements (key specs aside)', async () => {
    const [r, x] = targets();
    if (x === undefined) return;
    const a = await connect(r);
    const b = await connect(x);
    try {
      type Entry = [string, number, string[], number, number, number, string[], string[], unknown[], Entry[]];
      const real = new Map<string, Entry>();
      const index = (e: Entry) => {
        real.set(e[0], e);
        for (const s of e[9]) index(s);
      };
      for (const e of (await b.call('COMMAND')) as Entry[]) index(e);
      const problems: string[] = [];
      // Deliberate Redis 7.2 additions (sent by ioredis 5 / node-redis 6).
      const added = new Set(['client|setinfo', 'client|no-touch']);
      const check = (e: Entry) => {
        const t = real.get(e[0]);
        if (added.has(e[0])) return;
        if (t === undefined) problems.push(`${e[0]}: not a Redis 7.0 command`);
        else {
          for (const i of [1, 2, 3, 4, 5, 6, 7]) {
            if (JSON.stringify(e[i]) !== JSON.stringify(t[i])) problems.push(`${e[0]} field ${i}: ${JSON.stringify(e[i])} vs Redis ${JSON.stringify(t[i])}`);
          }
          const subs = new Set(t[9].map((s) => s[0]));
          for (const s of e[9]) if (!subs.has(s[0]) && !added.has(s[0])) problems.push(`${s[0]}: not a subcommand in Redis`);
        }
        for (const s of e[9]) check(s);
      };
      for (const e of (await a.call('COMMAND')) as Entry[]) check(e);
      expect(problems).to.deep.equal([]);
    } finally {
      a.close();
      b.close();
    }
  });
  same('INFO of keyless commands is byte-identical', ['COMMAND', 'INFO', 'ping', 'info', 'dbsize', 'flushall', 'time', 'lastsave', 'role', 'shutdown', 'multi', 'exec']);
  same('INFO of simple keyed commands is byte-identical', ['COMMAND', 'INFO', 'get', 'mget', 'lrange', 'hgetall', 'smembers', 'ttl', 'sinter']);
  same('INFO of unknown names and subcommands', ['COMMAND', 'INFO', 'nosuch', 'get'], ['COMMAND', 'INFO', 'config|nosuch'], ['COMMAND', 'INFO', 'CONFIG|GET'], ['COMMAND', 'INFO', 'get|x']);
  same('DOCS of unknown names', ['COMMAND', 'DOCS', 'nosuch']);
  same(
    'DOCS with arguments and history are byte-identical (what redis-cli draws its hints from)',
    ['COMMAND', 'DOCS', 'get'], ['COMMAND', 'DOCS', 'set'], ['COMMAND', 'DOCS', 'hello'], ['COMMAND', 'DOCS', 'config|set'], ['COMMAND', 'DOCS', 'client|kill'],
    ['COMMAND', 'DOCS', 'debug'], ['COMMAND', 'DOCS', 'shutdown'], ['COMMAND', 'DOCS', 'client|list'],
  );
  it('DOCS in RESP3 are byte-identical', async () => {
    const out: string[][] = [];
    for (const t of targets()) {
      const c = await connect(t);
      try {
        await c.call('HELLO', '3');
        out.push(await run(c, [['COMMAND', 'DOCS', 'set'], ['COMMAND', 'DOCS', 'config|get', 'nosuch']]));
      } finally {
        c.close();
      }
    }
    if (out.length === 2) expect(out[0]).to.deep.equal(out[1]);
  });
  it('DOCS match Redis for every command Respite implements (complexity texts aside)', async () => {
    const [r, x] = targets();
    if (x === undefined) return;
    const a = await connect(r);
    const b = await connect(x);
    try {
      await a.call('HELLO', '3');
      await b.call('HELLO', '3');
      const mine = (await a.call('COMMAND', 'DOCS')) as Map<string, Map<string, unknown>>;
      const theirs = (await b.call('COMMAND', 'DOCS')) as Map<string, Map<string, unknown>>;
      const problems: string[] = [];
      const norm = (v: unknown): string => JSON.stringify(v, (_k, val) => (val instanceof Map ? [...val].sort() : val instanceof Set ? [...val] : val));
      const check = (name: string, d: Map<string, unknown>, t: Map<string, unknown> | undefined) => {
        if (name === 'client|setinfo' || name === 'client|no-touch') return;
        if (t === undefined) return void problems.push(`${name}: not in Redis`);
        for (const k of new Set([...d.keys(), ...t.keys()])) {
          if (k === 'complexity' || k === 'subcommands') continue;
          if (norm(d.get(k)) !== norm(t.get(k))) problems.push(`${name} ${k}: ${norm(d.get(k))} vs Redis ${norm(t.get(k))}`);
        }
        const subs = d.get('subcommands') as Map<string, Map<string, unknown>> | undefined;
        const tsubs = t.get('subcommands') as Map<string, Map<string, unknown>> | undefined;
        if (subs !== undefined) for (const [sn, sd] of subs) check(sn, sd, tsubs?.get(sn));
      };
      for (const [name, d] of mine) check(name, d, theirs.get(name));
      expect(problems).to.deep.equal([]);
    } finally {
      a.close();
      b.close();
    }
  });
  sameResult('DOCS summary, since, group and complexity', async (c) => {
    const docs = (await c.call('COMMAND', 'DOCS', 'get', 'config', 'hello', 'client|list')) as unknown[];
    const out: string[] = [];
    for (let i = 0; i < docs.length; i += 2) {
      const d = docs[i + 1] as unknown[];
      const m = new Map<unknown, unknown>();
      for (let j = 0; j < d.length; j += 2) m.set(d[j], d[j + 1]);
      out.push(`${docs[i]}: ${m.get('summary')} | ${m.get('since')} | ${m.get('group')} | ${m.get('complexity')}`);
    }
    return out.sort();
  });
  eachServer('DOCS answers a map in RESP3', async (c) => {
    await c.call('HELLO', '3');
    const d = (await c.call('COMMAND', 'DOCS', 'ping')) as Map<string, Map<string, unknown>>;
    expect(d.get('ping')!.get('summary')).to.equal('Ping the server');
  });
  same(
    'GETKEYS',
    ['COMMAND', 'GETKEYS', 'set', 'a', 'b'], ['COMMAND', 'GETKEYS', 'mset', 'a', '1', 'b', '2'], ['COMMAND', 'GETKEYS', 'GET', 'x'],
    ['COMMAND', 'GETKEYS', 'ping', 'x'], ['COMMAND', 'GETKEYS', 'nosuch', 'a'], ['COMMAND', 'GETKEYS', 'set', 'a'], ['COMMAND', 'GETKEYS', 'get'],
    ['COMMAND', 'GETKEYS', 'config', 'get', 'x'], ['COMMAND', 'GETKEYS'],
  );
  same('GETKEYS of a movable-keys command', ['COMMAND', 'GETKEYS', 'lmpop', '2', 'a', 'b', 'LEFT']);
  same(
    'LIST and its filters',
    ['COMMAND', 'LIST', 'FILTERBY', 'pattern', 'xyz*'], ['COMMAND', 'LIST', 'FILTERBY', 'module', 'x'], ['COMMAND', 'LIST', 'FILTERBY', 'aclcat', 'nosuch'],
    ['COMMAND', 'LIST', 'FILTERBY', 'foo', 'x'], ['COMMAND', 'LIST', 'foo'], ['COMMAND', 'LIST', 'FILTERBY', 'pattern'],
  );
  sameResult('LIST FILTERBY PATTERN and ACLCAT name the same commands', async (c) => [
    ((await c.call('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'client|*')) as string[]).filter((n) => !/caching|pause|tracking\b|setinfo|no-touch/.test(n)).sort(),
    ((await c.call('COMMAND', 'LIST', 'FILTERBY', 'PATTERN', 'CONFIG*')) as string[]).sort(),
    ((await c.call('COMMAND', 'LIST', 'FILTERBY', 'ACLCAT', 'transaction')) as string[]).sort(),
  ]);
  eachServer('LIST names subcommands too', async (c) => {
    const names = (await c.call('COMMAND', 'LIST')) as string[];
    expect(names).to.include('config|get');
    expect(names).to.include('get');
    expect(names.length).to.be.greaterThan(await c.call('COMMAND', 'COUNT'));
  });
  same('HELP and unknown subcommands', ['COMMAND', 'HELP'], ['COMMAND', 'FOO'], ['COMMAND', 'COUNT', 'x']);
});

describe('server: DEBUG, SAVE, SHUTDOWN on dedicated servers', function () {
  this.timeout(20000);
  const pair = new Pair();
  before(async () => pair.start());
  after(async () => pair.stop());

  it('DEBUG argument handling', async () => {
    await comparePair(
      pair,
      ['DEBUG', 'foo'], ['DEBUG', 'SLEEP'], ['DEBUG', 'SLEEP', 'x'], ['DEBUG', 'SLEEP', '0'], ['DEBUG', 'sleep', '1e-3'], ['DEBUG', 'SLEEP', '-1'],
      ['DEBUG', 'SET-ACTIVE-EXPIRE', 'x'], ['DEBUG', 'SET-ACTIVE-EXPIRE', '1', '2'], ['DEBUG', 'SET-ACTIVE-EXPIRE', '1'], ['DEBUG', 'ERROR', 'MYERR custom text'],
    );
  });

  for (const name of ['respite', 'redis'] as const) {
    it(`DEBUG SLEEP stops the whole server [${name}]`, async function () {
      const t = pair.targets().find((x) => x.name === name);
      if (t === undefined) return this.skip();
      const a = await RawClient.connect(t.port);
      const b = await RawClient.connect(t.port);
      try {
        await b.call('PING');
        const start = Date.now();
        a.send('DEBUG', 'SLEEP', '0.3');
        await new Promise((r) => setTimeout(r, 50));
        expect(await b.call('PING')).to.equal('PONG');
        expect(Date.now() - start).to.be.greaterThanOrEqual(280);
        expect((await a.frame()).raw).to.equal('+OK\r\n');
      } finally {
        a.close();
        b.close();
      }
    });

    it(`DEBUG SET-ACTIVE-EXPIRE 0 leaves expired keys until they are touched [${name}]`, async function () {
      const t = pair.targets().find((x) => x.name === name);
      if (t === undefined) return this.skip();
      const c = await RawClient.connect(t.port);
      try {
        await c.call('FLUSHALL');
        expect(await c.call('DEBUG', 'SET-ACTIVE-EXPIRE', '0')).to.equal('OK');
        await c.call('SET', 'k', 'v', 'PX', '30');
        await new Promise((r) => setTimeout(r, 250));
        expect(await c.call('DBSIZE')).to.equal(1);
        expect(await c.call('GET', 'k')).to.equal(null);
        expect(await c.call('DBSIZE')).to.equal(0);
        await c.call('DEBUG', 'SET-ACTIVE-EXPIRE', '1');
        await c.call('SET', 'k2', 'v', 'PX', '30');
        let left = 1;
        for (let i = 0; i < 40 && left !== 0; i++) {
          await new Promise((r) => setTimeout(r, 50));
          left = await c.call('DBSIZE');
        }
        expect(left).to.equal(0);
      } finally {
        c.close();
      }
    });
  }

  it('SAVE, BGSAVE and LASTSAVE', async () => {
    for (const t of pair.targets()) {
      const c = await RawClient.connect(t.port);
      try {
        const before = await c.call('LASTSAVE');
        expect(await c.call('SAVE')).to.equal('OK');
        expect(await c.call('LASTSAVE')).to.be.at.least(before);
        const info = infoFields(text(await c.call('INFO', 'persistence')));
        expect(Number(info.get('rdb_saves'))).to.be.at.least(1);
        expect(info.get('rdb_last_bgsave_status')).to.equal('ok');
      } finally {
        c.close();
      }
    }
    await comparePair(pair, ['BGSAVE', 'foo'], ['BGSAVE', 'a', 'b'], ['SAVE', 'x']);
  });

  it('SHUTDOWN argument errors', async () => {
    await comparePair(
      pair,
      ['SHUTDOWN', 'foo'], ['SHUTDOWN', 'NOSAVE', 'SAVE'], ['SHUTDOWN', 'NOW', 'FORCE', 'ABORT'], ['SHUTDOWN', 'ABORT', 'NOW'], ['SHUTDOWN', 'ABORT'], ['PING'],
    );
  });

  it('SHUTDOWN NOSAVE closes every connection and stops the server', async () => {
    for (const t of pair.targets()) {
      const other = await RawClient.connect(t.port);
      await other.call('PING');
      const c = await RawClient.connect(t.port);
      c.send('SHUTDOWN', 'NOSAVE');
      await c.waitClosed();
      await other.waitClosed();
      expect(c.pending()).to.deep.equal([]);
      let refused = false;
      await RawClient.connect(t.port).then((x) => x.close(), () => (refused = true));
      for (let i = 0; i < 50 && !refused; i++) {
        await new Promise((r) => setTimeout(r, 20));
        await RawClient.connect(t.port).then((x) => x.close(), () => (refused = true));
      }
      expect(refused, `${t.name} stopped listening`).to.equal(true);
    }
  });
});

