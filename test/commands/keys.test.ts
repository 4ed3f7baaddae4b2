/**
 * Generic key commands: DEL, UNLINK, EXISTS, TYPE, KEYS, SCAN, RANDOMKEY, RENAME, RENAMENX, COPY,
 * TOUCH, MOVE, SWAPDB and their keyspace events. Byte-for-byte twins with real Redis where the
 * answer is deterministic; orders that depend on Redis's hash table are compared sorted.
 */
import { expect, same, eachServer, compare, Conn } from '../helpers';
import { twin } from '../pubsub/util';
import { events, sameResp3 } from '../keyspace/util';

/** Every key KEYS answers for a pattern, sorted (Redis's order is its hash table's). */
async function keys(c: Conn, pattern: string): Promise<string[]> {
  return ((await c.call('KEYS', pattern)) as string[]).slice().sort();
}

/** Runs a full SCAN with the given options and returns the keys seen, sorted. */
async function scanAll(c: Conn, ...opts: string[]): Promise<string[]> {
  const seen: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = (await c.call('SCAN', cursor, ...opts)) as [string, string[]];
    seen.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return seen.sort();
}

describe('keys: DEL, UNLINK, EXISTS, TOUCH, TYPE', () => {
  same('DEL counts the keys it removed; a repeated key counts once', ['SET', 'a', '1'], ['SET', 'b', '2'], ['DEL', 'a', 'a', 'b', 'nokey'], ['EXISTS', 'a', 'b'], ['DEL', 'a']);
  same('UNLINK is DEL', ['SET', 'a', '1'], ['RPUSH', 'l', 'x'], ['UNLINK', 'a', 'l', 'a', 'nokey'], ['EXISTS', 'a', 'l']);
  same('DEL, UNLINK and EXISTS need a key', ['DEL'], ['UNLINK'], ['EXISTS'], ['TOUCH']);
  same('EXISTS counts repeated arguments each time', ['SET', 'a', '1'], ['EXISTS', 'a', 'a', 'nokey', 'a'], ['EXISTS', 'nokey']);
  same('TOUCH counts existing keys', ['SET', 'a', '1'], ['HSET', 'h', 'f', 'v'], ['TOUCH', 'a', 'h', 'nokey', 'a']);
  same(
    'TYPE names every type and none',
    ['SET', 's', 'v'], ['RPUSH', 'l', 'a'], ['HSET', 'h', 'f', 'v'], ['SADD', 'S', 'm'], ['ZADD', 'z', '1', 'm'],
    ['TYPE', 's'], ['TYPE', 'l'], ['TYPE', 'h'], ['TYPE', 'S'], ['TYPE', 'z'], ['TYPE', 'nokey'], ['TYPE'], ['TYPE', 'a', 'b'],
  );
  sameResp3('TYPE answers a simple string in RESP3 too', ['SET', 's', 'v'], ['TYPE', 's'], ['TYPE', 'nokey']);
  same('keys are binary-safe', ['SET', 'a\x00\xff\r\n', '1'], ['EXISTS', 'a\x00\xff\r\n'], ['TYPE', 'a\x00\xff\r\n'], ['KEYS', 'a?\xff*'], ['DEL', 'a\x00\xff\r\n']);
});

describe('keys: KEYS patterns', () => {
  const NAMES = ['', 'a', 'b', 'ab', 'abc', 'aXc', 'a*c', 'a?c', '[x]', 'x]', '\\', 'h\\llo', 'hallo', 'hello', 'hillo', 'hbllo', 'A', 'AB', '-', '^', 'a-c', '\x80', '\xe9t\xe9', '\xff', '\x7f', '\x00'];
  const PATTERNS = [
    '*', '**', '?', '??', '?*', '*?', 'a*', '*c', 'a*c', 'a?c', 'h[ae]llo', 'h[^e]llo', 'h[!e]llo', 'h[a-b]llo', 'h[b-a]llo', 'h[a-]llo',
    'a\\*c', 'a\\?c', '\\[x\\]', '[[]x]', '[\\]]', 'x]', '\\\\', 'h\\\\llo', 'h\\llo', '[a', '[a-', 'a[', '[^a]', '[^]', '[]', 'A*', '[A-Z]*',
    '[-]', '[\\-]', '[a\\-c]', '\\', '*\\', '[', 'a-c', '[^a-z]*', 'hel*', 'h*l*o', '*l*', 'nope',
    '[a\\', '[\\', 'a[b-', '*[', '\\*', '[\x00-\xff]', '[^\x00-a]*', '?[', 'h[a-ce-f]llo', '[]]', '[]a]', '*[a', '[z-a]?c',
    '[a-\xff]', '[\x80-\xfe]*', '[\xff-\x80]', '[\x00-\x7f]', '\xe9*', '?t?', '[\xe9]*', '[^\xe9]*',
  ];
  for (const p of PATTERNS) {
    twin(`KEYS ${JSON.stringify(p)}`, async (c) => {
      for (const n of NAMES) await c.call('SET', n, '1');
      return keys(c, p);
    });
  }
  twin('KEYS * includes the empty key; ** and ?* do not match it', async (c) => {
    await c.call('SET', '', 'empty');
    return [await keys(c, '*'), await keys(c, '**'), await keys(c, '?*')];
  });
  twin('KEYS with a pathological a*a*a*…b pattern answers quickly', async (c) => {
    await c.call('SET', 'a'.repeat(200), '1');
    await c.call('SET', 'a'.repeat(50) + 'b', '1');
    const started = Date.now();
    const r = await keys(c, 'a*a*a*a*a*a*a*a*a*a*a*a*b');
    expect(Date.now() - started).to.be.below(1000);
    return r;
  });
  same('KEYS on an empty database is an empty array', ['KEYS', '*'], ['KEYS', 'a*']);
  same('KEYS needs exactly one pattern', ['KEYS'], ['KEYS', 'a', 'b']);
  twin('KEYS sees every type and only the current database', async (c) => {
    await c.call('SET', 's', '1');
    await c.call('RPUSH', 'l', '1');
    await c.call('SELECT', '1');
    await c.call('SET', 'other', '1');
    await c.call('SELECT', '0');
    return keys(c, '*');
  });
});

describe('keys: SCAN', () => {
  same(
    'SCAN option errors and cursor parsing match Redis',
    ['SCAN', 'x'], ['SCAN', '1.5'], ['SCAN', ' 1'], ['SCAN', '1 '], ['SCAN', '-'], ['SCAN', '+'], ['SCAN', '18446744073709551616'],
    ['SCAN', '-18446744073709551616'], ['SCAN', '0', 'COUNT', '0'], ['SCAN', '0', 'COUNT', '-1'], ['SCAN', '0', 'COUNT', 'x'],
    ['SCAN', '0', 'COUNT', '9223372036854775808'], ['SCAN', '0', 'COUNT'], ['SCAN', '0', 'MATCH'], ['SCAN', '0', 'TYPE'],
    ['SCAN', '0', 'FOO', 'bar'], ['SCAN', '0', 'foo'], ['SCAN', 'x', 'COUNT', '0'], ['SCAN', '0', 'COUNT', '0', 'TYPE'], ['SCAN'],
  );
  same('SCAN of an empty database answers cursor 0 and no keys', ['SCAN', '0'], ['SCAN', ''], ['SCAN', '00'], ['SCAN', '+0'], ['SCAN', '-0']);
  same('SCAN with one key', ['SET', 'k', 'v'], ['SCAN', '0'], ['SCAN', '0', 'count', '1000', 'match', 'k', 'type', 'STRING']);
  sameResp3('SCAN with one key in RESP3', ['SET', 'k', 'v'], ['SCAN', '0'], ['SCAN', '0', 'TYPE', 'list']);
  same('SCAN TYPE with an unknown type finds nothing', ['SET', 'k', 'v'], ['SCAN', '0', 'TYPE', 'foo'], ['SCAN', '0', 'TYPE', 'none']);
  twin('SCAN iterates every key once with MATCH, TYPE and COUNT', async (c) => {
    for (let i = 0; i < 300; i++) await c.call('SET', `k:${i}`, '1');
    for (let i = 0; i < 50; i++) await c.call('RPUSH', `l:${i}`, 'x');
    await c.call('SET', '', 'empty');
    return [
      (await scanAll(c)).length,
      await scanAll(c, 'COUNT', '7', 'MATCH', 'k:1*'),
      await scanAll(c, 'TYPE', 'list', 'COUNT', '3'),
      await scanAll(c, 'TYPE', 'LIST', 'MATCH', 'l:4?'),
      (await scanAll(c, 'MATCH', '*')).length,
      await scanAll(c, 'MATCH', '?'),
      await scanAll(c, 'MATCH', 'k:1*', 'MATCH', 'l:1'),
      (await scanAll(c, 'COUNT', '1', 'COUNT', '1000')).length,
    ];
  });
  eachServer('SCAN returns every key present for the whole scan despite writes between calls', async (c) => {
    for (let i = 0; i < 2000; i++) c.send('SET', `stable:${i}`, '1');
    for (let i = 0; i < 500; i++) c.send('SET', `victim:${i}`, '1');
    for (let i = 0; i < 2500; i++) await c.frame();
    const seen = new Set<string>();
    let cursor = '0';
    let round = 0;
    do {
      const [next, batch] = (await c.call('SCAN', cursor, 'COUNT', '25')) as [string, string[]];
      for (const k of batch) seen.add(k);
      cursor = next;
      // Churn: add keys, delete others, so the table grows and shrinks under the scan.
      for (let i = 0; i < 40; i++) c.send('SET', `new:${round}:${i}`, '1');
      for (let i = 0; i < 3; i++) c.send('DEL', `victim:${round * 3 + i}`);
      for (let i = 0; i < 43; i++) await c.frame();
      round++;
    } while (cursor !== '0' && round < 10000);
    expect(cursor).to.equal('0');
    for (let i = 0; i < 2000; i++) expect(seen.has(`stable:${i}`), `stable:${i}`).to.equal(true);
  });
  eachServer('SCAN MATCH * returns the empty key; MATCH is applied after COUNT', async (c) => {
    await c.call('SET', '', 'v');
    expect(await scanAll(c, 'MATCH', '*')).to.deep.equal(['']);
    for (let i = 0; i < 100; i++) await c.call('SET', `a${i}`, '1');
    // A batch may come back empty with a non-zero cursor: filtering happens after taking COUNT.
    const [, batch] = (await c.call('SCAN', '0', 'COUNT', '5', 'MATCH', 'zzz*')) as [string, string[]];
    expect(batch).to.deep.equal([]);
  });
  eachServer('SCAN skips keys whose deadline passed', async (c) => {
    const r = c.target.respite;
    if (!r) return;
    r.clock.freeze();
    try {
      await c.call('SET', 'live', '1');
      await c.call('SET', 'dead', '1');
      await c.call('PEXPIRE', 'dead', '100');
      // Set the deadline behind the wheel's back so only the SCAN filter can hide it.
      r.server.dbs[0].expires.set('dead', r.clock.now() - 1);
      expect(await scanAll(c)).to.deep.equal(['live']);
      expect(r.server.dbs[0].map.has('dead')).to.equal(false);
    } finally {
      r.clock.resume();
    }
  });
});

describe('keys: RANDOMKEY', () => {
  same('RANDOMKEY of an empty database is nil', ['RANDOMKEY'], ['RANDOMKEY', 'x']);
  sameResp3('RANDOMKEY of an empty database is null in RESP3', ['RANDOMKEY'], ['SET', 'k', 'v'], ['RANDOMKEY']);
  same('RANDOMKEY with one key returns it', ['SET', 'only', '1'], ['RANDOMKEY']);
  eachServer('RANDOMKEY returns existing keys and eventually all of them', async (c) => {
    for (const k of ['a', 'b', 'c']) await c.call('SET', k, '1');
    const seen = new Set<string>();
    for (let i = 0; i < 200 && seen.size < 3; i++) seen.add(await c.call('RANDOMKEY'));
    expect([...seen].sort()).to.deep.equal(['a', 'b', 'c']);
  });
  eachServer('RANDOMKEY never returns an expired key and deletes the ones it meets', async (c) => {
    const r = c.target.respite;
    if (!r) return;
    const db = r.server.dbs[0];
    for (let i = 0; i < 50; i++) await c.call('SET', `dead${i}`, '1');
    await c.call('SET', 'live', '1');
    for (let i = 0; i < 50; i++) db.expires.set(`dead${i}`, r.clock.now() - 1);
    for (let i = 0; i < 20; i++) expect(await c.call('RANDOMKEY')).to.equal('live');
    await c.call('DEL', 'live');
    expect(await c.call('RANDOMKEY')).to.equal(null);
    expect(db.map.size).to.equal(0);
  });
});

describe('keys: RENAME and RENAMENX', () => {
  same(
    'RENAME of a missing key is an error, even onto itself',
    ['RENAME', 'nokey', 'x'], ['RENAMENX', 'nokey', 'x'], ['RENAME', 'nokey', 'nokey'], ['RENAMENX', 'nokey', 'nokey'], ['RENAME', 'a'],
  );
  same('RENAME onto itself is OK, RENAMENX onto itself 0', ['SET', 'a', '1'], ['RENAME', 'a', 'a'], ['RENAMENX', 'a', 'a'], ['GET', 'a']);
  same(
    'RENAME replaces the destination (and its type); RENAMENX refuses',
    ['SET', 'a', '1'], ['RPUSH', 'l', 'x', 'y'], ['RENAMENX', 'l', 'a'], ['RENAME', 'l', 'a'], ['TYPE', 'a'], ['LRANGE', 'a', '0', '-1'], ['EXISTS', 'l'],
    ['RENAMENX', 'a', 'b'], ['LRANGE', 'b', '0', '-1'], ['EXISTS', 'a'],
  );
  same(
    'RENAME moves the TTL with the key and drops the destination TTL',
    ['SET', 'a', '1'], ['SET', 'b', '2'], ['EXPIRE', 'b', '100'], ['RENAME', 'a', 'b'], ['TTL', 'b'],
    ['EXPIRE', 'b', '500'], ['RENAME', 'b', 'c'], ['TTL', 'c'], ['TTL', 'b'], ['PEXPIREAT', 'c', '99999999999999'], ['RENAMENX', 'c', 'd'], ['PEXPIRETIME', 'd'],
  );
  same('RENAME keeps exact far deadlines', ['SET', 'a', '1'], ['PEXPIREAT', 'a', '9223372036854775807'], ['RENAME', 'a', 'b'], ['PEXPIRETIME', 'b']);
  twin('RENAME and RENAMENX events: new, rename_from, rename_to', async (c, open) => {
    await c.call('SET', 'a', '1');
    await c.call('SET', 'x', '1');
    return events(c, open, 'KEAn', async () => {
      await c.call('RENAME', 'a', 'b');
      await c.call('RENAME', 'b', 'x');
      await c.call('RENAMENX', 'x', 'y');
      await c.call('RENAME', 'y', 'y');
      await c.call('RENAMENX', 'nokey', 'z');
    });
  });
  eachServer('RENAME invalidates WATCH on both names', async (c, open) => {
    const other = await open();
    for (const watched of ['a', 'b']) {
      await c.call('SET', 'a', '1');
      await c.call('WATCH', watched);
      await other.call('RENAME', 'a', 'b');
      await c.call('MULTI');
      await c.call('PING');
      expect(await c.call('EXEC'), watched).to.equal(null);
      await c.call('DEL', 'b');
    }
  });
  eachServer('RENAME of a list wakes a client blocked on the new name', async (c, open) => {
    const blocked = await open();
    blocked.send('BLPOP', 'dst', '5');
    await new Promise((r) => setTimeout(r, 50));
    await c.call('RPUSH', 'src', 'v');
    expect(await c.call('RENAME', 'src', 'dst')).to.equal('OK');
    expect((await blocked.frame()).value).to.deep.equal(['dst', 'v']);
  });
});

describe('keys: COPY', () => {
  same(
    'COPY argument errors',
    ['SET', 'a', '1'], ['COPY', 'a', 'b', 'DB'], ['COPY', 'a', 'b', 'FOO'], ['COPY', 'a', 'b', 'DB', 'x'], ['COPY', 'a', 'b', 'DB', '16'],
    ['COPY', 'a', 'b', 'DB', '-1'], ['COPY', 'a', 'b', 'DB', '2147483648'], ['COPY', 'a', 'b', 'DB', '99999999999999999999'], ['COPY', 'a'], ['EXISTS', 'b'],
  );
  same('COPY onto the same key in the same database is an error, existing or not', ['COPY', 'nokey', 'nokey'], ['SET', 'a', '1'], ['COPY', 'a', 'a'], ['COPY', 'a', 'a', 'DB', '0'], ['COPY', 'a', 'a', 'DB', '1']);
  same(
    'COPY of a string; the destination is kept unless REPLACE',
    ['SET', 'a', '1'], ['COPY', 'nokey', 'b'], ['COPY', 'a', 'b'], ['GET', 'b'], ['SET', 'a', '2'], ['COPY', 'a', 'b'], ['GET', 'b'],
    ['COPY', 'a', 'b', 'replace'], ['GET', 'b'], ['COPY', 'a', 'b', 'REPLACE', 'REPLACE'],
  );
  same(
    'COPY to another database, with the last DB option winning',
    ['SET', 'a', 'v'], ['COPY', 'a', 'a', 'DB', '1'], ['COPY', 'a', 'b', 'DB', '2', 'DB', '3'], ['SELECT', '1'], ['GET', 'a'], ['SELECT', '3'], ['GET', 'b'], ['SELECT', '2'], ['EXISTS', 'b'],
  );
  same(
    'COPY copies the TTL; REPLACE drops the destination TTL',
    ['SET', 'a', '1'], ['PEXPIREAT', 'a', '99999999999999'], ['COPY', 'a', 'b'], ['PEXPIRETIME', 'b'], ['SET', 'c', '1'], ['SET', 'd', '1'], ['EXPIRE', 'd', '100'],
    ['COPY', 'c', 'd', 'REPLACE'], ['TTL', 'd'], ['COPY', 'a', 'x', 'DB', '1'], ['SELECT', '1'], ['PEXPIRETIME', 'x'],
  );
  same(
    'COPY of a list is deep',
    ['RPUSH', 'l', 'a', 'b'], ['COPY', 'l', 'm'], ['RPUSH', 'm', 'c'], ['LPOP', 'l'], ['LRANGE', 'l', '0', '-1'], ['LRANGE', 'm', '0', '-1'], ['TYPE', 'm'],
  );
  same('COPY of a hash is deep', ['HSET', 'h', 'f', '1', 'g', '2'], ['COPY', 'h', 'i'], ['HSET', 'i', 'f', '9'], ['HDEL', 'h', 'g'], ['HGET', 'h', 'f'], ['HGET', 'i', 'f'], ['HLEN', 'h'], ['HLEN', 'i']);
  same('COPY of a set is deep', ['SADD', 's', 'a', 'b'], ['COPY', 's', 't'], ['SADD', 't', 'c'], ['SREM', 's', 'a'], ['SCARD', 's'], ['SCARD', 't'], ['SISMEMBER', 't', 'a']);
  same('COPY of a sorted set is deep', ['ZADD', 'z', '1', 'a', '2', 'b'], ['COPY', 'z', 'y'], ['ZADD', 'y', '5', 'a'], ['ZREM', 'z', 'b'], ['ZRANGE', 'z', '0', '-1', 'WITHSCORES'], ['ZRANGE', 'y', '0', '-1', 'WITHSCORES']);
  same('COPY of an emptied-then-gone source answers 0', ['RPUSH', 'l', 'a'], ['LPOP', 'l'], ['COPY', 'l', 'm'], ['EXISTS', 'm']);
  twin('COPY events: new and copy_to in the destination database', async (c, open) => {
    await c.call('SET', 'a', '1');
    await c.call('SET', 'b', '1');
    return events(c, open, 'KEAn', async () => {
      await c.call('COPY', 'a', 'b');
      await c.call('COPY', 'a', 'b', 'REPLACE');
      await c.call('COPY', 'a', 'c', 'DB', '1');
      await c.call('COPY', 'nokey', 'c');
    });
  });
});

describe('keys: MOVE', () => {
  same(
    'MOVE argument errors',
    ['SET', 'a', '1'], ['MOVE', 'a', 'x'], ['MOVE', 'a', '16'], ['MOVE', 'a', '-1'], ['MOVE', 'a', '2147483648'], ['MOVE', 'a', '01'], ['MOVE', 'a', '0'], ['MOVE', 'nokey', '0'], ['MOVE', 'a'],
  );
  same(
    'MOVE moves a key unless it exists in the target',
    ['SET', 'a', 'src'], ['MOVE', 'nokey', '1'], ['MOVE', 'a', '1'], ['EXISTS', 'a'], ['SET', 'a', 'again'], ['MOVE', 'a', '1'], ['GET', 'a'], ['SELECT', '1'], ['GET', 'a'],
  );
  same('MOVE carries the TTL', ['SET', 'a', '1'], ['PEXPIREAT', 'a', '99999999999999'], ['MOVE', 'a', '5'], ['SELECT', '5'], ['PEXPIRETIME', 'a'], ['SET', 'b', '1'], ['MOVE', 'b', '0'], ['SELECT', '0'], ['TTL', 'b']);
  twin('MOVE events: new and move_to in the target, move_from in the source', async (c, open) => {
    await c.call('SET', 'a', '1');
    return events(c, open, 'KEAn', async () => {
      await c.call('MOVE', 'a', '3');
      await c.call('MOVE', 'a', '3');
    });
  });
  eachServer('MOVE of a list wakes a client blocked on that key in the target database', async (c, open) => {
    const blocked = await open();
    await blocked.call('SELECT', '2');
    blocked.send('BLPOP', 'q', '5');
    await new Promise((r) => setTimeout(r, 50));
    await c.call('RPUSH', 'q', 'job');
    expect(await c.call('MOVE', 'q', '2')).to.equal(1);
    expect((await blocked.frame()).value).to.deep.equal(['q', 'job']);
  });
  eachServer('COPY of a sorted set wakes a client blocked on the copy', async (c, open) => {
    const blocked = await open();
    blocked.send('BZPOPMIN', 'dst', '5');
    await new Promise((r) => setTimeout(r, 50));
    await c.call('ZADD', 'src', '1', 'm');
    expect(await c.call('COPY', 'src', 'dst')).to.equal(1);
    expect((await blocked.frame()).value).to.deep.equal(['dst', 'm', '1']);
    expect(await c.call('ZCARD', 'src')).to.equal(1);
  });
  eachServer('RENAME of a string onto a key a BLPOP waits for leaves the client blocked', async (c, open) => {
    const blocked = await open();
    blocked.send('BLPOP', 'dst', '0.3');
    await new Promise((r) => setTimeout(r, 50));
    await c.call('SET', 'src', 'v');
    expect(await c.call('RENAME', 'src', 'dst')).to.equal('OK');
    expect((await blocked.frame()).value).to.equal(null);
  });
  eachServer('MOVE invalidates WATCH in both databases', async (c, open) => {
    const other = await open();
    await c.call('SET', 'a', '1');
    await c.call('WATCH', 'a');
    await other.call('MOVE', 'a', '1');
    await c.call('MULTI');
    await c.call('PING');
    expect(await c.call('EXEC')).to.equal(null);
    await c.call('SELECT', '1');
    await c.call('WATCH', 'a');
    await other.call('SELECT', '1');
    await other.call('MOVE', 'a', '0');
    await c.call('MULTI');
    await c.call('PING');
    expect(await c.call('EXEC')).to.equal(null);
  });
});

describe('keys: SWAPDB', () => {
  same(
    'SWAPDB argument errors',
    ['SWAPDB', 'x', '1'], ['SWAPDB', '0', 'x'], ['SWAPDB', '2147483648', '0'], ['SWAPDB', '0', '16'], ['SWAPDB', '-1', '0'], ['SWAPDB', '0', '1.0'], ['SWAPDB', '0'], ['SWAPDB', '3', '3'],
  );
  same(
    'SWAPDB exchanges contents and TTLs',
    ['SET', 'a', 'zero'], ['PEXPIREAT', 'a', '99999999999999'], ['SELECT', '1'], ['SET', 'b', 'one'], ['RPUSH', 'l', 'x'], ['SWAPDB', '0', '1'],
    ['GET', 'a'], ['PEXPIRETIME', 'a'], ['EXISTS', 'b'], ['SELECT', '0'], ['GET', 'b'], ['LRANGE', 'l', '0', '-1'], ['DBSIZE'], ['SWAPDB', '1', '0'], ['GET', 'a'], ['DBSIZE'],
  );
  eachServer('SWAPDB invalidates WATCHes of keys that exist in either database', async (c, open) => {
    const other = await open();
    await other.call('SELECT', '1');
    await other.call('SET', 'only-in-1', '1');
    await c.call('WATCH', 'only-in-1');
    await other.call('SWAPDB', '0', '1');
    await c.call('MULTI');
    await c.call('PING');
    expect(await c.call('EXEC')).to.equal(null);
    // A key in neither database is untouched.
    await c.call('WATCH', 'nowhere');
    await other.call('SWAPDB', '0', '1');
    await c.call('MULTI');
    await c.call('PING');
    expect(await c.call('EXEC')).to.deep.equal(['PONG']);
  });
  eachServer('SWAPDB wakes a client blocked on a key the swapped-in database holds', async (c, open) => {
    const blocked = await open();
    blocked.send('BLPOP', 'q', '5');
    await new Promise((r) => setTimeout(r, 50));
    await c.call('SELECT', '1');
    await c.call('RPUSH', 'q', 'job');
    expect(await c.call('SWAPDB', '0', '1')).to.equal('OK');
    expect((await blocked.frame()).value).to.deep.equal(['q', 'job']);
  });
  eachServer('SWAPDB: keys moved by the swap still expire actively', async (c) => {
    const r = c.target.respite;
    if (!r) return;
    const offset = r.clock.now() - Date.now();
    r.clock.freeze();
    try {
      await c.call('SELECT', '1');
      await c.call('SET', 'k', '1');
      await c.call('PEXPIRE', 'k', '1000');
      await c.call('SWAPDB', '0', '1');
      expect(r.server.dbs[0].map.has('k')).to.equal(true);
      // Active expiry works in 10 ms ticks (reads see the exact deadline): one tick past it, it is gone.
      r.clock.advance(1010);
      expect(r.server.dbs[0].map.has('k')).to.equal(false);
    } finally {
      r.clock.set(Date.now() + offset);
      r.clock.resume();
    }
  });
  twin('SWAPDB publishes no keyspace events', async (c, open) => {
    await c.call('SET', 'a', '1');
    return events(c, open, 'KEA', async () => {
      await c.call('SWAPDB', '0', '1');
    });
  });
});

describe('keys: keyspace hit / miss statistics', () => {
  /** keyspace_hits and keyspace_misses from INFO stats. */
  async function hitsMisses(c: Conn): Promise<[number, number]> {
    const info = String(await c.call('INFO', 'stats'));
    const num = (name: string) => Number(new RegExp(`${name}:(\\d+)`).exec(info)![1]);
    return [num('keyspace_hits'), num('keyspace_misses')];
  }
  twin('EXISTS, TYPE, TOUCH, TTL, COPY, OBJECT and SCAN TYPE count hits and misses as Redis', async (c) => {
    await c.call('SET', 'a', '1');
    await c.call('RPUSH', 'l', 'x');
    const [h0, m0] = await hitsMisses(c);
    for (const cmd of [
      ['EXISTS', 'a', 'nokey', 'a'], ['TYPE', 'l'], ['TYPE', 'nokey'], ['TOUCH', 'a', 'nokey'], ['TTL', 'a'], ['PTTL', 'nokey'], ['EXPIRETIME', 'l'],
      ['COPY', 'a', 'b'], ['COPY', 'nokey', 'c'], ['OBJECT', 'ENCODING', 'a'], ['OBJECT', 'REFCOUNT', 'nokey'], ['SCAN', '0', 'TYPE', 'string'], ['SCAN', '0'],
      ['DEL', 'nokey'], ['EXPIRE', 'a', '100'], ['RENAME', 'b', 'd'], ['MOVE', 'd', '1'], ['KEYS', '*'], ['RANDOMKEY'], ['PERSIST', 'a'],
    ]) await c.call(...cmd);
    const [h1, m1] = await hitsMisses(c);
    return [h1 - h0, m1 - m0];
  });
});

describe('keys: events of DEL', () => {
  twin('DEL and UNLINK publish del per removed key', async (c, open) => {
    await c.call('SET', 'a', '1');
    await c.call('SET', 'b', '1');
    return events(c, open, 'KEA', async () => {
      await c.call('DEL', 'a', 'nokey', 'a');
      await c.call('UNLINK', 'b');
      await c.call('EXISTS', 'a');
      await c.call('TOUCH', 'b');
    });
  });
  it('events() helper restores notify-keyspace-events', async () => {
    await compare(['CONFIG', 'GET', 'notify-keyspace-events']);
  });
});
