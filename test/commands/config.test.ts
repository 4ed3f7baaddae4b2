/**
 * CONFIG GET / SET / RESETSTAT / REWRITE / HELP — twins with real Redis. Every sequence that changes
 * a parameter ends by restoring it, since both servers are shared by the whole run. Pattern replies
 * are compared as maps: Redis orders them by its hash table, which is random per process.
 */
import { expect, same, eachServer, compare, connect, Conn } from '../helpers';
import { targets } from '../servers';

/** CONFIG GET reply as a name → value map (RESP2 flat array or RESP3 map). */
async function configMap(c: Conn, ...patterns: string[]): Promise<Map<string, string>> {
  const r = await c.call('CONFIG', 'GET', ...patterns);
  if (r instanceof Map) return r as Map<string, string>;
  const m = new Map<string, string>();
  for (let i = 0; i < r.length; i += 2) m.set(r[i], r[i + 1]);
  return m;
}

/** Runs CONFIG GET with the patterns on both servers and compares the maps. */
function sameConfig(title: string, ...patterns: string[]): void {
  it(title, async () => {
    const maps: Array<Map<string, string>> = [];
    for (const t of targets()) {
      const c = await connect(t);
      try {
        maps.push(await configMap(c, ...patterns));
      } finally {
        c.close();
      }
    }
    if (maps.length === 2) expect([...maps[0]].sort()).to.deep.equal([...maps[1]].sort());
  });
}

/** Parameters whose value depends on how each server was started, not on Redis's defaults. */
const STARTUP_DEPENDENT = new Set(['port', 'bind', 'dir', 'save', 'logfile', 'pidfile', 'daemonize', 'maxclients', 'enable-debug-command', 'supervised']);

describe('config: GET', () => {
  same('single parameters, aliases, and the spelling asked for', ['CONFIG', 'GET', 'maxmemory'], ['CONFIG', 'GET', 'HZ'], ['CONFIG', 'GET', 'Hash-Max-Ziplist-Entries'], ['CONFIG', 'GET', 'hash-max-listpack-entries'], ['CONFIG', 'GET', 'lua-time-limit']);
  same('unknown parameters give an empty reply', ['CONFIG', 'GET', 'nosuch'], ['CONFIG', 'GET', 'nosuch*']);
  same('the same parameter twice is reported once', ['CONFIG', 'GET', 'hz', 'HZ'], ['CONFIG', 'GET', 'hz', 'h?']);
  same('arity', ['CONFIG', 'GET'], ['CONFIG'], ['CONFIG', 'NOSUCH']);
  sameConfig('glob patterns match names and aliases', '*max-*-entries*');
  sameConfig('several patterns at once', 'maxmemory*', 'notify-keyspace-events', 'list-*');
  sameConfig('character classes and case-insensitive matching', 'HASH-MAX-[lz]*', 'zset-max-*-value');
  sameConfig('encoding knobs', 'hash-max-*', 'zset-max-*', 'set-max-*', 'list-max-*', 'list-compress-depth', 'stream-node-max-*');
  sameConfig(
    'client and protocol limits',
    'client-output-buffer-limit', 'client-query-buffer-limit', 'proto-max-bulk-len', 'timeout', 'tcp-keepalive', 'hz', 'databases', 'requirepass', 'appendonly', 'appendfsync', 'maxmemory-policy',
  );
  eachServer('RESP3 answers a map', async (c) => {
    await c.call('HELLO', '3');
    const raw = await c.raw('CONFIG', 'GET', 'hz');
    expect(raw).to.equal('%1\r\n$2\r\nhz\r\n$2\r\n10\r\n');
  });
  it('every parameter Respite reports exists in Redis with the same default', async () => {
    const [r, x] = targets();
    if (x === undefined) return;
    const a = await connect(r);
    const b = await connect(x);
    try {
      const mine = await configMap(a, '*');
      const theirs = await configMap(b, '*');
      expect(mine.size).to.be.greaterThan(60);
      for (const [name, value] of mine) {
        expect(theirs.has(name), `${name} exists in Redis 7.0`).to.equal(true);
        if (!STARTUP_DEPENDENT.has(name)) expect(value, name).to.equal(theirs.get(name));
      }
    } finally {
      a.close();
      b.close();
    }
  });
});

describe('config: SET', () => {
  same(
    'integers: parsing and bounds',
    ['CONFIG', 'SET', 'hz', 'abc'], ['CONFIG', 'SET', 'hz', '-1'], ['CONFIG', 'SET', 'hz', '+5'], ['CONFIG', 'SET', 'hz', '05'], ['CONFIG', 'SET', 'hz', '5.0'],
    ['CONFIG', 'SET', 'timeout', '2147483648'], ['CONFIG', 'SET', 'slowlog-max-len', '-1'], ['CONFIG', 'SET', 'maxclients', '0'],
    ['CONFIG', 'SET', 'list-compress-depth', '-1'], ['CONFIG', 'SET', 'active-expire-effort', '11'], ['CONFIG', 'SET', 'hash-max-listpack-entries', '-1'],
    ['CONFIG', 'GET', 'hz'],
  );
  same('hz is clamped to 1..500', ['CONFIG', 'SET', 'hz', '1000'], ['CONFIG', 'GET', 'hz'], ['CONFIG', 'SET', 'hz', '0'], ['CONFIG', 'GET', 'hz'], ['CONFIG', 'SET', 'hz', '10']);
  same(
    'memory values: units, case, and what is accepted',
    ['CONFIG', 'SET', 'maxmemory', '1gb'], ['CONFIG', 'GET', 'maxmemory'], ['CONFIG', 'SET', 'maxmemory', '100K'], ['CONFIG', 'GET', 'maxmemory'],
    ['CONFIG', 'SET', 'maxmemory', '1.5mb'], ['CONFIG', 'SET', 'maxmemory', '-1'], ['CONFIG', 'SET', 'maxmemory', '1x'], ['CONFIG', 'SET', 'maxmemory', ''],
    ['CONFIG', 'GET', 'maxmemory'], ['CONFIG', 'SET', 'maxmemory', '18446744073709551615'], ['CONFIG', 'GET', 'maxmemory'],
    ['CONFIG', 'SET', 'proto-max-bulk-len', '100'], ['CONFIG', 'SET', 'proto-max-bulk-len', '9223372036854775808'],
    ['CONFIG', 'SET', 'hash-max-listpack-value', '1k'], ['CONFIG', 'GET', 'hash-max-ziplist-value'], ['CONFIG', 'SET', 'hash-max-listpack-value', '64'],
    ['CONFIG', 'SET', 'hash-max-listpack-entries', '1k'], ['CONFIG', 'SET', 'maxmemory', '0'],
  );
  same(
    'booleans and enums',
    ['CONFIG', 'SET', 'appendonly', 'maybe'], ['CONFIG', 'SET', 'maxmemory-policy', 'foo'], ['CONFIG', 'SET', 'loglevel', 'nothing'], ['CONFIG', 'SET', 'appendfsync', 'sometimes'],
    ['CONFIG', 'SET', 'maxmemory-policy', 'ALLKEYS-LRU'], ['CONFIG', 'GET', 'maxmemory-policy'], ['CONFIG', 'SET', 'maxmemory-policy', 'noeviction'],
    ['CONFIG', 'SET', 'lazyfree-lazy-user-del', 'YES'], ['CONFIG', 'GET', 'lazyfree-lazy-user-del'], ['CONFIG', 'SET', 'lazyfree-lazy-user-del', 'no'],
  );
  same(
    'save',
    ['CONFIG', 'SET', 'save', '100 10 20 30'], ['CONFIG', 'GET', 'save'], ['CONFIG', 'SET', 'save', '+5 +3'], ['CONFIG', 'GET', 'save'],
    ['CONFIG', 'SET', 'save', '1'], ['CONFIG', 'SET', 'save', 'a b'], ['CONFIG', 'SET', 'save', '10 -1'], ['CONFIG', 'SET', 'save', '0 1'], ['CONFIG', 'SET', 'save', '1  2'],
    ['CONFIG', 'SET', 'save', ''], ['CONFIG', 'GET', 'save'],
  );
  same(
    'client-output-buffer-limit',
    ['CONFIG', 'SET', 'client-output-buffer-limit', 'pubsub 32mb 8mb 60'], ['CONFIG', 'GET', 'client-output-buffer-limit'],
    ['CONFIG', 'SET', 'client-output-buffer-limit', 'replica 1gb 0 0 NORMAL 1k 2k 3'], ['CONFIG', 'GET', 'client-output-buffer-limit'],
    ['CONFIG', 'SET', 'client-output-buffer-limit', 'foo 1 2 3'], ['CONFIG', 'SET', 'client-output-buffer-limit', 'master 1 2 3'], ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1 2'],
    ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal x 2 3'], ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1 2 -3'], ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 1 2 x'],
    ['CONFIG', 'SET', 'client-output-buffer-limit', ''], ['CONFIG', 'GET', 'client-output-buffer-limit'],
    ['CONFIG', 'SET', 'client-output-buffer-limit', 'normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60'], ['CONFIG', 'GET', 'client-output-buffer-limit'],
  );
  same(
    'notify-keyspace-events is reported in canonical order',
    ['CONFIG', 'SET', 'notify-keyspace-events', 'KEA'], ['CONFIG', 'GET', 'notify-keyspace-events'], ['CONFIG', 'SET', 'notify-keyspace-events', 'xK'],
    ['CONFIG', 'GET', 'notify-keyspace-events'], ['CONFIG', 'SET', 'notify-keyspace-events', 'Eg$lshzxetdm'], ['CONFIG', 'GET', 'notify-keyspace-events'],
    ['CONFIG', 'SET', 'notify-keyspace-events', 'q'], ['CONFIG', 'SET', 'notify-keyspace-events', ''], ['CONFIG', 'GET', 'notify-keyspace-events'],
  );
  same(
    'unknown, immutable, protected and duplicate parameters',
    ['CONFIG', 'SET', 'foo', '1'], ['CONFIG', 'SET', 'databases', '3'], ['CONFIG', 'SET', 'DATABASES', '3'], ['CONFIG', 'SET', 'daemonize', 'no'],
    ['CONFIG', 'SET', 'dir', '/tmp'], ['CONFIG', 'SET', 'dbfilename', 'x.rdb'], ['CONFIG', 'SET', 'hz', '5', 'HZ', '6'], ['CONFIG', 'SET', 'set-max-listpack-entries', '1'],
    ['CONFIG', 'GET', 'hz'],
  );
  same(
    'the error names the parameter as Redis does',
    ['CONFIG', 'SET', 'HZ', 'abc'], ['CONFIG', 'SET', 'Hash-Max-Ziplist-Entries', 'abc'], ['CONFIG', 'SET', 'hz', '5', 'foo', '1'], ['CONFIG', 'SET', 'foo', '1', 'databases', '2'],
    ['CONFIG', 'SET', 'databases', '2', 'foo', '1'], ['CONFIG', 'GET', 'hz'],
  );
  same('arity and odd argument counts', ['CONFIG', 'SET'], ['CONFIG', 'SET', 'hz'], ['CONFIG', 'SET', 'hz', '5', 'foo'], ['CONFIG', 'GET', 'hz']);
  same(
    'several pairs apply all or nothing',
    ['CONFIG', 'SET', 'hz', '5', 'maxmemory-policy', 'bad'], ['CONFIG', 'GET', 'hz'], ['CONFIG', 'SET', 'hz', '7', 'maxmemory-policy', 'allkeys-lru'],
    ['CONFIG', 'GET', 'hz'], ['CONFIG', 'GET', 'maxmemory-policy'], ['CONFIG', 'SET', 'hz', '10', 'maxmemory-policy', 'noeviction'],
  );
  same(
    'latency-tracking-info-percentiles',
    ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '50'], ['CONFIG', 'GET', 'latency-tracking-info-percentiles'],
    ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '101'], ['CONFIG', 'SET', 'latency-tracking-info-percentiles', 'x'],
    ['CONFIG', 'SET', 'latency-tracking-info-percentiles', '50 99 99.9'], ['CONFIG', 'GET', 'latency-tracking-info-percentiles'],
  );
  eachServer('notify-keyspace-events takes effect at once', async (c, open) => {
    const sub = await open();
    await sub.call('SUBSCRIBE', '__keyevent@0__:set');
    try {
      expect(await c.call('CONFIG', 'SET', 'notify-keyspace-events', 'E$')).to.equal('OK');
      await c.call('SET', 'k', 'v');
      const msg = (await sub.frame()).value as string[];
      expect(msg).to.deep.equal(['message', '__keyevent@0__:set', 'k']);
    } finally {
      await c.call('CONFIG', 'SET', 'notify-keyspace-events', '');
    }
  });
  eachServer('proto-max-bulk-len applies to requests', async (c) => {
    try {
      expect(await c.call('CONFIG', 'SET', 'proto-max-bulk-len', '1mb')).to.equal('OK');
      const d = await connect(c.target);
      try {
        d.write(`*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$${1024 * 1024 + 1}\r\n`);
        expect(((await d.frame()).value as Error).message).to.equal('ERR Protocol error: invalid bulk length');
      } finally {
        d.close();
      }
    } finally {
      await c.call('CONFIG', 'SET', 'proto-max-bulk-len', '512mb');
    }
  });
});

describe('config: RESETSTAT, REWRITE, HELP', () => {
  same('HELP', ['CONFIG', 'HELP']);
  same('REWRITE without a config file', ['CONFIG', 'REWRITE']);
  same('arity of the fixed subcommands', ['CONFIG', 'RESETSTAT', 'x'], ['CONFIG', 'REWRITE', 'x'], ['CONFIG', 'HELP', 'x']);
  eachServer('RESETSTAT zeroes the INFO counters', async (c) => {
    for (let i = 0; i < 5; i++) await c.call('PING');
    expect(await c.call('CONFIG', 'RESETSTAT')).to.equal('OK');
    const stats = String(await c.call('INFO', 'stats'));
    const processed = Number(/total_commands_processed:(\d+)/.exec(stats)![1]);
    expect(processed).to.be.lessThan(3);
    expect(stats).to.match(/\r\nexpired_keys:0\r\n/);
    expect(stats).to.match(/\r\nkeyspace_misses:0\r\n/);
  });
  it('COMMAND INFO config matches Redis', async () => {
    // (The container's own entry lists subcommands in Redis's hash-table order, so it is left out.)
    await compare(['COMMAND', 'INFO', 'config|get', 'config|set', 'config|help', 'config|resetstat', 'config|rewrite']);
  });
});
