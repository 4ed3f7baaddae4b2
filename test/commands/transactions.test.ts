/**
 * MULTI / EXEC / DISCARD / WATCH / UNWATCH against real Redis: queuing replies, EXECABORT after
 * queuing errors, runtime errors in place, every way a WATCHed key gets invalidated (writes by
 * anyone, deletes, expiry, FLUSHDB/FLUSHALL, SWAPDB) and the writes that do not count, the errors of
 * misplaced commands, RESP3, and a pipelined transaction as a client library sends it.
 */
import { expect, same, eachServer, Conn, Cmd } from '../helpers';
import { twin, resp3, sleep, setConfig } from '../pubsub/util';

/** Runs steps on two connections of one server: ['a' | 'b', ...cmd] or ['sleep', ms]; returns the raw replies. */
async function steps(a: Conn, b: Conn, list: Array<[string, ...Array<string | number>]>): Promise<string[]> {
  const out: string[] = [];
  for (const [who, ...cmd] of list) {
    if (who === 'sleep') await sleep(Number(cmd[0]));
    else out.push(await (who === 'a' ? a : b).raw(...cmd));
  }
  return out;
}

/** A twin case over two connections (a watches, b interferes). */
function watchCase(title: string, list: Array<[string, ...Array<string | number>]>): void {
  twin(title, async (a, open) => steps(a, await open(), list));
}

describe('transactions: queuing and EXEC', () => {
  same('MULTI queues commands and EXEC answers every reply in order', ['MULTI'], ['SET', 'k', '1'], ['INCR', 'k'], ['GET', 'k'], ['RPUSH', 'l', 'a', 'b'], ['LRANGE', 'l', '0', '-1'], ['EXEC'], ['GET', 'k']);
  same('an empty transaction answers an empty array', ['MULTI'], ['EXEC']);
  same('runtime errors inside EXEC are returned in place and the rest runs',
    ['SET', 's', 'x'], ['MULTI'], ['LPUSH', 's', 'a'], ['INCR', 's'], ['SET', 't', '1'], ['LPOP', 's'], ['GET', 't'], ['EXEC'], ['GET', 's']);
  same('an arity error while queuing dooms the transaction: EXECABORT, nothing runs',
    ['MULTI'], ['SET', 'k', '1'], ['SET', 'k'], ['SET', 'j', '2'], ['EXEC'], ['EXISTS', 'k', 'j'], ['EXEC']);
  same('an unknown command while queuing dooms the transaction', ['MULTI'], ['SET', 'k', '1'], ['NOSUCH', 'a'], ['EXEC'], ['EXISTS', 'k']);
  same('an unknown subcommand while queuing dooms the transaction', ['MULTI'], ['SET', 'k', '1'], ['OBJECT', 'NOSUCH', 'k'], ['EXEC'], ['EXISTS', 'k']);
  same('argument errors found only when running (syntax) do not abort the others', ['MULTI'], ['SET', 'k', '1', 'XX', 'NX'], ['LPOS', 'l', 'a', 'RANK', '0'], ['SET', 'j', '2'], ['EXEC'], ['GET', 'j']);
  same('nested MULTI is an error that does not abort the transaction', ['MULTI'], ['MULTI'], ['SET', 'k', '1'], ['EXEC'], ['GET', 'k']);
  same('EXEC / DISCARD without MULTI', ['EXEC'], ['DISCARD']);
  same('DISCARD drops the queue', ['MULTI'], ['SET', 'k', '1'], ['DISCARD'], ['EXISTS', 'k'], ['EXEC']);
  same('WATCH inside MULTI is an error that keeps the transaction', ['MULTI'], ['SET', 'k', '1'], ['WATCH', 'k'], ['EXEC'], ['GET', 'k']);
  same('arity errors of the transaction commands; EXEC with arguments aborts the transaction',
    ['MULTI', 'x'], ['WATCH'], ['DISCARD', 'x'], ['UNWATCH', 'x'], ['MULTI'], ['SET', 'k', '1'], ['EXEC', 'x'], ['EXEC'], ['EXISTS', 'k'], ['EXEC', 'x']);
  same('UNWATCH is queued inside MULTI', ['MULTI'], ['UNWATCH'], ['EXEC']);
  same('SELECT inside a transaction applies to the queued commands after it',
    ['MULTI'], ['SET', 'k', 'db0'], ['SELECT', '1'], ['SET', 'k', 'db1'], ['EXEC'], ['GET', 'k'], ['SELECT', '0'], ['GET', 'k']);
  same('the pieces of a transaction run in one go: no other commands between them', ['MULTI'], ['RPUSH', 'l', 'a'], ['LPOP', 'l'], ['EXISTS', 'l'], ['EXEC']);

  eachServer('RESP3: an aborted EXEC is a null', async (c, open) => {
    await resp3(c);
    const b = await open();
    await c.call('WATCH', 'k');
    await b.call('SET', 'k', '1');
    expect(await c.raw('MULTI')).to.equal('+OK\r\n');
    expect(await c.raw('EXEC')).to.equal('_\r\n');
    expect(await c.raw('MULTI')).to.equal('+OK\r\n');
    expect(await c.raw('GET', 'nokey')).to.equal('+QUEUED\r\n');
    expect(await c.raw('EXEC')).to.equal('*1\r\n_\r\n');
  });

  twin('a pipelined MULTI / HINCRBY / EXPIRE / EXEC in one write (as colyseus hincrbyex sends it)', async (c) => {
    const cmds: Cmd[] = [['MULTI'], ['HINCRBY', 'h', 'f', '5'], ['EXPIRE', 'h', '100'], ['EXEC'], ['MULTI'], ['HINCRBY', 'h', 'f', '-2'], ['EXPIRE', 'h', '100'], ['EXEC'], ['HGET', 'h', 'f'], ['TTL', 'h']];
    let req = '';
    for (const cmd of cmds) {
      req += `*${cmd.length}\r\n`;
      for (const a of cmd) req += `$${String(a).length}\r\n${a}\r\n`;
    }
    c.write(req);
    const out: string[] = [];
    for (let i = 0; i < cmds.length; i++) out.push((await c.frame()).raw);
    return out;
  });

  twin('a pipelined transaction with a queuing error in the middle', async (c) => {
    c.write('MULTI\r\nINCR n\r\nINCR\r\nINCR n\r\nEXEC\r\nGET n\r\n');
    const out: string[] = [];
    for (let i = 0; i < 6; i++) out.push((await c.frame()).raw);
    return out;
  });

  twin('a transaction written one byte at a time', async (c) => {
    const data = '*1\r\n$5\r\nMULTI\r\n*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*1\r\n$4\r\nEXEC\r\n';
    for (let i = 0; i < data.length; i++) {
      c.write(data[i]);
      await new Promise((r) => setImmediate(r));
    }
    const out: string[] = [];
    for (let i = 0; i < 4; i++) out.push((await c.frame()).raw);
    return out;
  });
});

describe('transactions: cleanup and rejected EXEC', () => {
  watchCase('RESET leaves MULTI and drops the WATCHes', [['a', 'WATCH', 'k'], ['a', 'MULTI'], ['a', 'SET', 'k', '1'], ['a', 'RESET'], ['a', 'EXEC'], ['b', 'SET', 'k', '2'],
    ['a', 'MULTI'], ['a', 'EXEC'], ['a', 'GET', 'k']]);
  same('EXEC from a RESP2 subscriber is an EXECABORT naming the subscriber-mode error', ['SUBSCRIBE', 'ch'], ['EXEC'], ['MULTI'], ['EXEC', 'x']);

  twin('EXEC before AUTH is an EXECABORT naming NOAUTH', async (c, open) => {
    await setConfig(c, 'requirepass', 'secret');
    try {
      const x = await open();
      return [await x.raw('EXEC'), await x.raw('EXEC', 'x'), await x.raw('MULTI'), await x.raw('DISCARD'), await x.raw('WATCH', 'k')];
    } finally {
      await c.call('AUTH', 'secret');
      await setConfig(c, 'requirepass', '');
    }
  });
});

describe('transactions: WATCH', () => {
  watchCase('an untouched WATCHed key lets EXEC run', [['a', 'SET', 'k', '1'], ['a', 'WATCH', 'k'], ['b', 'GET', 'k'], ['b', 'TOUCH', 'k'], ['a', 'MULTI'], ['a', 'INCR', 'k'], ['a', 'EXEC']]);
  watchCase('a write by another client aborts EXEC with a null array', [['a', 'SET', 'k', '1'], ['a', 'WATCH', 'k'], ['b', 'SET', 'k', '1'], ['a', 'MULTI'], ['a', 'INCR', 'k'], ['a', 'EXEC'], ['a', 'GET', 'k']]);
  watchCase('a write by the same client before MULTI aborts EXEC too', [['a', 'WATCH', 'k'], ['a', 'SET', 'k', '1'], ['a', 'MULTI'], ['a', 'GET', 'k'], ['a', 'EXEC']]);
  watchCase('writes inside the transaction itself do not abort it', [['a', 'WATCH', 'k'], ['a', 'MULTI'], ['a', 'SET', 'k', '1'], ['a', 'EXEC'], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('a key modified after MULTI but before EXEC aborts it', [['a', 'WATCH', 'k'], ['a', 'MULTI'], ['a', 'SET', 'k', 'mine'], ['b', 'SET', 'k', 'theirs'], ['a', 'EXEC'], ['a', 'GET', 'k']]);
  watchCase('DEL of a watched key aborts; DEL of a missing key does not', [['a', 'SET', 'k', '1'], ['a', 'WATCH', 'k', 'm'], ['b', 'DEL', 'm'], ['a', 'MULTI'], ['a', 'EXEC'],
    ['a', 'WATCH', 'k'], ['b', 'DEL', 'k'], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('creating a watched missing key aborts', [['a', 'WATCH', 'k'], ['b', 'RPUSH', 'k', 'x'], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('EXPIRE on a watched key aborts; PERSIST without a TTL does not', [['a', 'SET', 'k', '1'], ['a', 'WATCH', 'k'], ['b', 'PERSIST', 'k'], ['a', 'MULTI'], ['a', 'EXEC'],
    ['a', 'WATCH', 'k'], ['b', 'EXPIRE', 'k', '100'], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('list no-ops do not touch (LREM no match, LINSERT no pivot, LPOP 0, LPUSHX missing)', [['a', 'RPUSH', 'k', 'a'], ['a', 'WATCH', 'k', 'm'],
    ['b', 'LREM', 'k', '0', 'zz'], ['b', 'LINSERT', 'k', 'BEFORE', 'zz', 'q'], ['b', 'LPOP', 'k', '0'], ['b', 'LPUSHX', 'm', 'a'], ['b', 'LPOP', 'm'], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('LTRIM touches the key even when it trims nothing', [['a', 'RPUSH', 'k', 'a'], ['a', 'WATCH', 'k'], ['b', 'LTRIM', 'k', '0', '-1'], ['a', 'MULTI'], ['a', 'EXEC']]);
  for (const [name, cmd] of [
    ['LPUSH', ['LPUSH', 'k', 'x']], ['RPOP', ['RPOP', 'k']], ['LSET', ['LSET', 'k', '0', 'y']], ['LINSERT', ['LINSERT', 'k', 'AFTER', 'a', 'y']],
    ['LREM', ['LREM', 'k', '1', 'a']], ['LMOVE (source)', ['LMOVE', 'k', 'z', 'LEFT', 'LEFT']], ['LMOVE (destination)', ['LMOVE', 'z0', 'k', 'LEFT', 'LEFT']],
    ['LMPOP', ['LMPOP', '1', 'k', 'RIGHT']], ['BLPOP', ['BLPOP', 'k', '0']],
  ] as Array<[string, string[]]>) {
    watchCase(`${name} touches a watched list`, [['a', 'RPUSH', 'k', 'a', 'b'], ['a', 'RPUSH', 'z0', 'q'], ['a', 'WATCH', 'k'], ['b', ...cmd], ['a', 'MULTI'], ['a', 'EXEC']]);
  }
  watchCase('FLUSHDB aborts when a watched key existed', [['a', 'SET', 'k', '1'], ['a', 'WATCH', 'k'], ['b', 'FLUSHDB'], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('FLUSHALL aborts when a watched key existed', [['a', 'SET', 'k', '1'], ['a', 'WATCH', 'k'], ['b', 'FLUSHALL'], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('FLUSHALL does not abort for a watched key that did not exist', [['a', 'SET', 'other', '1'], ['a', 'WATCH', 'k'], ['b', 'FLUSHALL'], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('SWAPDB aborts when the watched key exists on either side', [['b', 'SELECT', '1'], ['b', 'SET', 'k', '1'], ['a', 'WATCH', 'k'], ['b', 'SWAPDB', '0', '1'], ['a', 'MULTI'], ['a', 'EXEC'],
    ['a', 'WATCH', 'nowhere'], ['b', 'SWAPDB', '0', '1'], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('a write to the same key name in another database does not abort', [['a', 'WATCH', 'k'], ['b', 'SELECT', '1'], ['b', 'SET', 'k', '1'], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('WATCHes accumulate across calls; UNWATCH drops them all', [['a', 'WATCH', 'x'], ['a', 'WATCH', 'y', 'y'], ['b', 'SET', 'y', '1'], ['a', 'MULTI'], ['a', 'EXEC'],
    ['a', 'WATCH', 'x', 'y'], ['a', 'UNWATCH'], ['b', 'SET', 'x', '2'], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('EXEC, DISCARD and EXECABORT all drop the WATCHes', [['a', 'WATCH', 'k'], ['a', 'MULTI'], ['a', 'EXEC'], ['b', 'SET', 'k', '1'], ['a', 'MULTI'], ['a', 'EXEC'],
    ['a', 'WATCH', 'k'], ['a', 'MULTI'], ['a', 'DISCARD'], ['b', 'SET', 'k', '2'], ['a', 'MULTI'], ['a', 'EXEC'],
    ['a', 'WATCH', 'k'], ['a', 'MULTI'], ['a', 'NOSUCH'], ['a', 'EXEC'], ['b', 'SET', 'k', '3'], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('EXEC with arguments drops the WATCHes as well', [['a', 'WATCH', 'k'], ['a', 'EXEC', 'x'], ['b', 'SET', 'k', '1'], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('an aborted EXEC also ends MULTI', [['a', 'WATCH', 'k'], ['b', 'SET', 'k', '1'], ['a', 'MULTI'], ['a', 'SET', 'j', '1'], ['a', 'EXEC'], ['a', 'EXEC'], ['a', 'EXISTS', 'j']]);
  watchCase('a watched key that expires (deleted or not yet) aborts EXEC', [['a', 'SET', 'k', '1', 'PX', '40'], ['a', 'WATCH', 'k'], ['sleep', 120], ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('a key already expired when WATCHed, then deleted by expiry, is no change', [['a', 'SET', 'k', '1', 'PX', '10'], ['sleep', 40], ['a', 'WATCH', 'k'], ['b', 'GET', 'k'],
    ['a', 'MULTI'], ['a', 'EXEC']]);
  watchCase('a key already expired when WATCHed and then set again aborts', [['a', 'SET', 'k', '1', 'PX', '10'], ['sleep', 40], ['a', 'WATCH', 'k'], ['b', 'SET', 'k', '2'],
    ['a', 'MULTI'], ['a', 'EXEC']]);
});

describe('transactions: Respite-only (clock, cleanup)', () => {
  eachServer('a watched key whose deadline passed but that is not deleted yet fails EXEC', async (c) => {
    const r = c.target.respite;
    if (r === undefined) return;
    r.clock.freeze();
    try {
      await c.call('SET', 'k', '1');
      await c.call('WATCH', 'k');
      // A deadline already in the past, set behind the expiry wheel's back: the key is still stored.
      r.server.dbs[0].expires.set('k', r.clock.now() - 1);
      expect(r.server.dbs[0].map.has('k')).to.equal(true);
      expect(await c.call('MULTI')).to.equal('OK');
      expect(await c.raw('EXEC')).to.equal('*-1\r\n');
    } finally {
      r.clock.resume();
    }
  });

  eachServer('a key already expired at WATCH time stays "no change" at EXEC', async (c) => {
    const r = c.target.respite;
    if (r === undefined) return;
    r.clock.freeze();
    try {
      r.server.dbs[0].map.set('k', 'v');
      r.server.dbs[0].expires.set('k', r.clock.now() - 1);
      expect(await c.call('WATCH', 'k')).to.equal('OK');
      expect(await c.call('MULTI')).to.equal('OK');
      expect(await c.raw('EXEC')).to.equal('*0\r\n');
    } finally {
      r.clock.resume();
    }
  });

  eachServer('a client that disconnects inside MULTI with WATCHes leaves no watcher behind', async (c, open) => {
    const r = c.target.respite;
    if (r === undefined) return;
    const x = await open();
    await x.call('WATCH', 'k', 'j');
    await x.call('MULTI');
    await x.call('SET', 'k', '1');
    x.close();
    const deadline = Date.now() + 2000;
    while (r.server.dbs[0].watchers !== null && r.server.dbs[0].watchers.size !== 0 && Date.now() < deadline) await sleep(5);
    expect(r.server.dbs[0].watchers?.size ?? 0).to.equal(0);
    expect(await c.call('EXISTS', 'k')).to.equal(0);
  });

  eachServer('QUIT inside MULTI answers OK and closes', async (c) => {
    expect(await c.call('MULTI')).to.equal('OK');
    expect(await c.call('SET', 'k', '1')).to.equal('QUEUED');
    expect(await c.call('QUIT')).to.equal('OK');
    await c.waitClosed();
  });
});
