/**
 * CLIENT subcommands — twins with real Redis: exact replies where they are deterministic, and for
 * CLIENT LIST / INFO the same field names, order and value formats on both servers.
 */
import { expect, same, eachServer, compare, connect, Conn } from '../helpers';
import { Verbatim } from '../resp';

/** The text of a CLIENT LIST / INFO reply (bulk in RESP2, verbatim in RESP3). */
function text(v: unknown): string {
  return v instanceof Verbatim ? v.text : String(v);
}

/** Parses one CLIENT LIST line into ordered [field, value] pairs. */
function fields(line: string): Array<[string, string]> {
  return line.split(' ').map((kv) => {
    const i = kv.indexOf('=');
    return [kv.slice(0, i), kv.slice(i + 1)];
  });
}

/** Field → value map of the line describing client `id`. */
async function lineOf(c: Conn, id: number): Promise<Map<string, string>> {
  const all = text(await c.call('CLIENT', 'LIST')).split('\n').filter(Boolean);
  const line = all.find((l) => l.startsWith(`id=${id} `));
  expect(line, `client ${id} in CLIENT LIST`).to.not.equal(undefined);
  return new Map(fields(line!));
}

const FIELDS_70 = [
  'id', 'addr', 'laddr', 'fd', 'name', 'age', 'idle', 'flags', 'db', 'sub', 'psub', 'ssub', 'multi', 'qbuf', 'qbuf-free',
  'argv-mem', 'multi-mem', 'rbs', 'rbp', 'obl', 'oll', 'omem', 'tot-mem', 'events', 'cmd', 'user', 'redir', 'resp',
];

/** Redis 7.0's fields; Respite adds 7.2's lib-name and lib-ver (CLIENT SETINFO) at the end. */
function fieldsOf(c: Conn): string[] {
  return c.target.respite ? [...FIELDS_70, 'lib-name', 'lib-ver'] : FIELDS_70;
}

describe('client: ID, SETNAME, GETNAME', () => {
  eachServer('CLIENT ID is an integer, distinct per connection and increasing', async (c, open) => {
    const a = await c.call('CLIENT', 'ID');
    const d = await open();
    const b = await d.call('CLIENT', 'ID');
    expect(a).to.be.a('number');
    expect(b).to.be.greaterThan(a);
  });
  same('SETNAME / GETNAME', ['CLIENT', 'GETNAME'], ['CLIENT', 'SETNAME', 'worker-1'], ['CLIENT', 'GETNAME'], ['CLIENT', 'SETNAME', ''], ['CLIENT', 'GETNAME']);
  same(
    'names with spaces, newlines or non-ASCII are refused',
    ['CLIENT', 'SETNAME', 'a b'], ['CLIENT', 'SETNAME', 'a\nb'], ['CLIENT', 'SETNAME', Buffer.from([0xc3, 0xa9])], ['CLIENT', 'SETNAME', '\x7f'],
    ['CLIENT', 'SETNAME', '!~'], ['CLIENT', 'GETNAME'],
  );
  same('arity and unknown subcommands', ['CLIENT'], ['CLIENT', 'ID', 'x'], ['CLIENT', 'GETNAME', 'x'], ['CLIENT', 'SETNAME'], ['CLIENT', 'SETNAME', 'a', 'b'], ['CLIENT', 'FOO']);
  same('MAINT_NOTIFICATIONS (sent by node-redis) is an unknown subcommand', ['CLIENT', 'MAINT_NOTIFICATIONS', 'on', 'moving-endpoint-type', 'none']);
  eachServer('SETINFO and NO-TOUCH: Redis 7.2 additions Respite accepts (unknown on a real 7.0)', async (c) => {
    const replies = [
      await c.call('CLIENT', 'SETINFO', 'LIB-NAME', 'ioredis'), await c.call('CLIENT', 'SETINFO', 'lib-ver', '5.4.1'), await c.call('CLIENT', 'NO-TOUCH', 'on'),
    ];
    if (!c.target.respite) {
      expect(replies.map((r) => r.message)).to.deep.equal([
        "ERR unknown subcommand 'SETINFO'. Try CLIENT HELP.", "ERR unknown subcommand 'SETINFO'. Try CLIENT HELP.", "ERR unknown subcommand 'NO-TOUCH'. Try CLIENT HELP.",
      ]);
      return;
    }
    expect(replies).to.deep.equal(['OK', 'OK', 'OK']);
    expect(text(await c.call('CLIENT', 'INFO'))).to.match(/ flags=T .* lib-name=ioredis lib-ver=5\.4\.1\n$/);
    expect((await c.call('CLIENT', 'SETINFO', 'lib-name', 'a b')).message).to.equal('ERR lib-name cannot contain spaces, newlines or special characters.');
    expect((await c.call('CLIENT', 'SETINFO', 'LIB-VER', 'x\ny')).message).to.equal('ERR LIB-VER cannot contain spaces, newlines or special characters.');
    expect((await c.call('CLIENT', 'SETINFO', 'color', 'red')).message).to.equal("ERR Unrecognized option 'color'");
    expect((await c.call('CLIENT', 'SETINFO', 'lib-name')).message).to.equal("ERR wrong number of arguments for 'client|setinfo' command");
    expect((await c.call('CLIENT', 'NO-TOUCH', 'x')).message).to.equal('ERR syntax error');
    expect(await c.call('CLIENT', 'SETINFO', 'lib-name', '')).to.equal('OK');
    expect(await c.call('RESET')).to.equal('RESET');
    expect(text(await c.call('CLIENT', 'INFO'))).to.match(/ flags=N .* lib-name= lib-ver=5\.4\.1\n$/);
  });
  same('CLIENT HELP', ['CLIENT', 'HELP']);
  same('GETREDIR and TRACKINGINFO without tracking', ['CLIENT', 'GETREDIR'], ['CLIENT', 'TRACKINGINFO']);
});

describe('client: LIST and INFO', () => {
  eachServer('CLIENT LIST has Redis 7.0 fields in order, one line per client ending in a newline', async (c, open) => {
    await (await open()).call('PING');
    const raw = text(await c.call('CLIENT', 'LIST'));
    expect(raw.endsWith('\n')).to.equal(true);
    const lines = raw.split('\n').filter(Boolean);
    expect(lines.length).to.be.greaterThanOrEqual(2);
    for (const l of lines) expect(fields(l).map(([k]) => k)).to.deep.equal(fieldsOf(c));
  });
  eachServer('CLIENT LIST value formats', async (c) => {
    const id = await c.call('CLIENT', 'ID');
    const f = await lineOf(c, id);
    expect(f.get('addr')).to.match(/^127\.0\.0\.1:\d+$/);
    expect(f.get('laddr')).to.match(/^127\.0\.0\.1:\d+$/);
    for (const k of ['fd', 'age', 'idle', 'qbuf', 'qbuf-free', 'argv-mem', 'multi-mem', 'rbs', 'rbp', 'obl', 'oll', 'omem', 'tot-mem']) {
      expect(f.get(k), k).to.match(/^\d+$/);
    }
    expect(f.get('flags')).to.equal('N');
    expect(f.get('multi')).to.equal('-1');
    expect(f.get('events')).to.equal('r');
    expect(f.get('cmd')).to.equal('client|list');
    expect(f.get('argv-mem')).to.equal('10');
    expect(f.get('user')).to.equal('default');
    expect(f.get('redir')).to.equal('-1');
    expect(f.get('resp')).to.equal('2');
  });
  eachServer('CLIENT LIST reflects name, db, subscriptions, MULTI and RESP version', async (c, open) => {
    const other = await open();
    const oid = await other.call('CLIENT', 'ID');
    await other.call('HELLO', '3', 'SETNAME', 'watcher');
    await other.call('SELECT', '3');
    await other.call('CLIENT', 'NO-EVICT', 'on');
    await other.call('MULTI');
    await other.call('SET', 'a', '1');
    let f = await lineOf(c, oid);
    // (cmd= of a queued command differs: Redis names the queued command, Respite's dispatch keeps 'multi'.)
    expect([f.get('name'), f.get('db'), f.get('flags'), f.get('multi'), f.get('resp')]).to.deep.equal(['watcher', '3', 'xe', '1', '3']);
    await other.call('DISCARD');
    await other.call('SUBSCRIBE', 'a', 'b');
    await other.call('PSUBSCRIBE', 'p*');
    await other.call('SSUBSCRIBE', 's');
    f = await lineOf(c, oid);
    expect([f.get('flags'), f.get('sub'), f.get('psub'), f.get('ssub'), f.get('cmd')]).to.deep.equal(['Pe', '2', '1', '1', 'ssubscribe']);
  });
  eachServer('a client that has not run a command shows cmd=NULL', async (c) => {
    // A bare connection: open() would run a PING on it.
    const other = await connect(c.target);
    // The server registers a connection on its next loop turn: poll until it is listed.
    let idle: Map<string, string> | undefined;
    for (let i = 0; i < 100 && idle === undefined; i++) {
      const all = text(await c.call('CLIENT', 'LIST')).split('\n').filter(Boolean).map((l) => new Map(fields(l)));
      idle = all.find((m) => m.get('addr') === `127.0.0.1:${other.socket.localPort}`);
      if (idle === undefined) await new Promise((r) => setTimeout(r, 10));
    }
    other.close();
    expect(idle?.get('cmd')).to.equal('NULL');
  });
  eachServer('CLIENT LIST TYPE filters normal and pubsub clients', async (c, open) => {
    const sub = await open();
    const sid = await sub.call('CLIENT', 'ID');
    await sub.call('SUBSCRIBE', 'ch');
    const myId = await c.call('CLIENT', 'ID');
    const pubsub = text(await c.call('CLIENT', 'LIST', 'TYPE', 'pubsub'));
    const normal = text(await c.call('CLIENT', 'LIST', 'TYPE', 'NORMAL'));
    expect(pubsub).to.match(new RegExp(`^id=${sid} `));
    expect(pubsub.split('\n').filter(Boolean)).to.have.length(1);
    expect(normal).to.contain(`id=${myId} `);
    expect(normal).to.not.contain(`id=${sid} `);
    expect(text(await c.call('CLIENT', 'LIST', 'TYPE', 'master'))).to.equal('');
    expect(text(await c.call('CLIENT', 'LIST', 'TYPE', 'replica'))).to.equal('');
  });
  eachServer('CLIENT LIST ID picks clients by id, skipping unknown ones', async (c, open) => {
    const o = await open();
    const oid = await o.call('CLIENT', 'ID');
    const myId = await c.call('CLIENT', 'ID');
    const lines = text(await c.call('CLIENT', 'LIST', 'ID', String(oid), '999999', String(myId))).split('\n').filter(Boolean);
    expect(lines.map((l) => l.split(' ')[0])).to.deep.equal([`id=${oid}`, `id=${myId}`]);
  });
  same(
    'CLIENT LIST argument errors',
    ['CLIENT', 'LIST', 'TYPE', 'foo'], ['CLIENT', 'LIST', 'ID', 'abc'], ['CLIENT', 'LIST', 'ID', '999999'], ['CLIENT', 'LIST', 'foo'],
    ['CLIENT', 'LIST', 'TYPE'], ['CLIENT', 'LIST', 'ID'], ['CLIENT', 'LIST', 'TYPE', 'normal', 'x'],
  );
  eachServer('CLIENT INFO is this client line; a verbatim string in RESP3', async (c) => {
    const id = await c.call('CLIENT', 'ID');
    const two = await c.call('CLIENT', 'INFO');
    expect(typeof two).to.equal('string');
    expect(two).to.match(new RegExp(`^id=${id} .* cmd=client\\|info user=default redir=-1 resp=2( lib-name= lib-ver=)?\\n$`));
    await c.call('HELLO', '3');
    const three = await c.call('CLIENT', 'INFO');
    expect(three).to.be.instanceOf(Verbatim);
    expect((three as Verbatim).format).to.equal('txt');
    expect((three as Verbatim).text).to.match(/ resp=3( lib-name= lib-ver=)?\n$/);
    expect(fields((three as Verbatim).text.trim()).map(([k]) => k)).to.deep.equal(fieldsOf(c));
  });
  eachServer('CLIENT INFO age and idle follow the clock', async (c, open) => {
    if (!c.target.respite) return;
    const clock = c.target.respite.clock;
    const other = await open();
    const oid = await other.call('CLIENT', 'ID');
    clock.advance(5000);
    try {
      const f = await lineOf(c, oid);
      expect(Number(f.get('age'))).to.be.greaterThanOrEqual(5);
      expect(Number(f.get('idle'))).to.be.greaterThanOrEqual(5);
    } finally {
      clock.resume();
      clock.set(Date.now());
    }
  });
});

describe('client: KILL', () => {
  same(
    'argument errors and nothing to kill',
    ['CLIENT', 'KILL', '1.2.3.4:5'], ['CLIENT', 'KILL', 'ID', '99999'], ['CLIENT', 'KILL', 'ID', 'abc'], ['CLIENT', 'KILL', 'ID', '0'], ['CLIENT', 'KILL', 'ID', '-1'],
    ['CLIENT', 'KILL', 'foo', 'bar'], ['CLIENT', 'KILL', 'TYPE', 'foo'], ['CLIENT', 'KILL', 'TYPE', 'master'], ['CLIENT', 'KILL', 'SKIPME', 'maybe'],
    ['CLIENT', 'KILL', 'USER', 'nobody'], ['CLIENT', 'KILL', 'ADDR', '1.2.3.4:5', 'ID'], ['CLIENT', 'KILL', 'a', 'b', 'c'], ['CLIENT', 'KILL', 'LADDR', '1.1.1.1:1'],
    ['CLIENT', 'KILL', 'USER', 'default', 'SKIPME', 'yes'], ['CLIENT', 'KILL'],
  );
  eachServer('KILL ID closes that connection and counts it', async (c, open) => {
    const victim = await open();
    const vid = await victim.call('CLIENT', 'ID');
    expect(await c.call('CLIENT', 'KILL', 'ID', String(vid))).to.equal(1);
    await victim.waitClosed();
    expect(await c.call('PING')).to.equal('PONG');
  });
  eachServer('old form KILL addr:port answers OK, then No such client', async (c, open) => {
    const victim = await open();
    // One round trip first: the server may not have accepted the connection yet when connect() resolves.
    await victim.call('PING');
    const addr = `127.0.0.1:${victim.socket.localPort}`;
    expect(await c.call('CLIENT', 'KILL', addr)).to.equal('OK');
    await victim.waitClosed();
    expect((await c.call('CLIENT', 'KILL', addr)).message).to.equal('ERR No such client');
  });
  eachServer('KILL ADDR of myself with SKIPME no closes me after the reply', async (c) => {
    const addr = `127.0.0.1:${c.socket.localPort}`;
    expect(await c.call('CLIENT', 'KILL', 'ADDR', addr, 'SKIPME', 'yes')).to.equal(0);
    expect(await c.call('CLIENT', 'KILL', 'ADDR', addr, 'SKIPME', 'no')).to.equal(1);
    await c.waitClosed();
  });
  eachServer('KILL TYPE pubsub only takes subscribers', async (c, open) => {
    const sub = await open();
    await sub.call('SUBSCRIBE', 'x');
    const plain = await open();
    await plain.call('PING');
    expect(await c.call('CLIENT', 'KILL', 'TYPE', 'pubsub')).to.equal(1);
    await sub.waitClosed();
    expect(await plain.call('PING')).to.equal('PONG');
  });
  eachServer('KILL LADDR matches the server side address', async (c, open) => {
    const other = await open();
    const laddr = `127.0.0.1:${c.socket.remotePort}`;
    expect(await c.call('CLIENT', 'KILL', 'LADDR', laddr)).to.be.greaterThanOrEqual(1);
    await other.waitClosed();
  });
  eachServer('killing a blocked client releases its keys', async (c, open) => {
    const blocked = await open();
    const bid = await blocked.call('CLIENT', 'ID');
    blocked.send('BLPOP', 'q', '0');
    await new Promise((r) => setTimeout(r, 50));
    expect(await c.call('CLIENT', 'KILL', 'ID', String(bid))).to.equal(1);
    await blocked.waitClosed();
    expect(await c.call('RPUSH', 'q', 'v')).to.equal(1);
    expect(await c.call('LLEN', 'q')).to.equal(1);
  });
});

describe('client: REPLY, NO-EVICT, UNBLOCK', () => {
  eachServer('REPLY OFF, SKIP and ON', async (c) => {
    c.send('CLIENT', 'REPLY', 'OFF');
    c.send('SET', 'k', '1');
    c.send('CLIENT', 'REPLY', 'SKIP'); // ignored while OFF
    c.send('CLIENT', 'REPLY', 'ON');
    c.send('CLIENT', 'REPLY', 'SKIP');
    c.send('GET', 'k');
    c.send('ECHO', 'after');
    expect((await c.frame()).raw).to.equal('+OK\r\n');
    expect((await c.frame()).raw).to.equal('$5\r\nafter\r\n');
    expect(await c.hasFrame(50)).to.equal(false);
  });
  same('REPLY argument errors', ['CLIENT', 'REPLY', 'foo'], ['CLIENT', 'REPLY'], ['CLIENT', 'REPLY', 'on', 'x']);
  same('NO-EVICT', ['CLIENT', 'NO-EVICT', 'on'], ['CLIENT', 'NO-EVICT', 'OFF'], ['CLIENT', 'NO-EVICT', 'x'], ['CLIENT', 'NO-EVICT'], ['CLIENT', 'NO-EVICT', 'on', 'x']);
  same(
    'UNBLOCK argument errors and clients that are not blocked',
    ['CLIENT', 'UNBLOCK', '99999'], ['CLIENT', 'UNBLOCK', 'abc'], ['CLIENT', 'UNBLOCK', '1', 'foo'], ['CLIENT', 'UNBLOCK', '1', 'error'],
    ['CLIENT', 'UNBLOCK', '-5'], ['CLIENT', 'UNBLOCK', '1', 'timeout', 'x'], ['CLIENT', 'UNBLOCK'],
  );
  eachServer('UNBLOCK ends a BLPOP as a timeout', async (c, open) => {
    const b = await open();
    const bid = await b.call('CLIENT', 'ID');
    b.send('BLPOP', 'q', '0');
    await new Promise((r) => setTimeout(r, 50));
    expect(await c.call('CLIENT', 'UNBLOCK', String(bid))).to.equal(1);
    expect((await b.frame()).raw).to.equal('*-1\r\n');
    expect(await c.call('CLIENT', 'UNBLOCK', String(bid))).to.equal(0);
    expect(await b.call('PING')).to.equal('PONG');
  });
  eachServer('UNBLOCK ERROR ends a BLPOP with an UNBLOCKED error', async (c, open) => {
    const b = await open();
    const bid = await b.call('CLIENT', 'ID');
    b.send('BLPOP', 'q', '0');
    b.send('PING', 'next');
    await new Promise((r) => setTimeout(r, 50));
    const info = text(await c.call('CLIENT', 'LIST', 'ID', String(bid)));
    expect(info).to.match(/ flags=b /);
    expect(await c.call('CLIENT', 'UNBLOCK', String(bid), 'ERROR')).to.equal(1);
    expect((await b.frame()).raw).to.equal('-UNBLOCKED client unblocked via CLIENT UNBLOCK\r\n');
    expect((await b.frame()).raw).to.equal('$4\r\nnext\r\n');
    expect(await c.call('RPUSH', 'q', 'v')).to.equal(1);
  });
  it('COMMAND INFO of the CLIENT subcommands (7.0 ones) matches Redis', async () => {
    await compare(['COMMAND', 'INFO', 'client|id', 'client|setname', 'client|getname', 'client|info', 'client|list', 'client|kill', 'client|reply', 'client|unblock', 'client|no-evict', 'client|help']);
  });
});
