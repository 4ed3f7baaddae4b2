/**
 * Connection commands: PING, ECHO, QUIT, SELECT, HELLO, AUTH, RESET — twins with real Redis.
 * Replies that carry the connection id (HELLO) are compared with the id masked.
 */
import { expect, same, eachServer, compare, connect, run, Conn, Cmd } from '../helpers';
import { targets, Target } from '../servers';
import { Verbatim } from '../resp';

/** Replaces the value after the `id` key of a HELLO map with a placeholder. */
export function maskId(raw: string): string {
  return raw.replace(/(\$2\r\nid\r\n):\d+\r\n/, '$1:<id>\r\n');
}

/** Runs the commands on both servers (fresh connection each) and compares replies with ids masked. */
async function compareMasked(...cmds: Cmd[]): Promise<string[]> {
  const results: string[][] = [];
  for (const target of targets()) {
    const c = await connect(target);
    try {
      await c.call('FLUSHALL');
      results.push((await run(c, cmds)).map(maskId));
    } finally {
      c.close();
    }
  }
  if (results.length === 2) {
    for (let i = 0; i < cmds.length; i++) expect(results[0][i], `reply to ${JSON.stringify(cmds[i].map(String))}`).to.equal(results[1][i]);
  }
  return results[0];
}

function sameMasked(title: string, ...cmds: Cmd[]): void {
  it(title, async () => {
    await compareMasked(...cmds);
  });
}

/** Sets requirepass on a target for the duration of fn, restoring it from a fresh connection. */
async function withPassword(target: Target, pass: string, fn: () => Promise<void>): Promise<void> {
  const admin = await connect(target);
  try {
    expect(await admin.call('CONFIG', 'SET', 'requirepass', pass)).to.equal('OK');
    await fn();
  } finally {
    await admin.call('CONFIG', 'SET', 'requirepass', '');
    admin.close();
  }
}

describe('connection: PING, ECHO, SELECT, QUIT', () => {
  same('PING with and without a message', ['PING'], ['PING', 'hello'], ['PING', ''], ['PING', 'a', 'b']);
  same('ECHO binary and arity', ['ECHO', Buffer.from([0, 255, 13, 10])], ['ECHO'], ['ECHO', 'a', 'b']);
  same('SELECT bounds and parsing', ['SELECT', '15'], ['SELECT', '16'], ['SELECT', '-1'], ['SELECT', 'x'], ['SELECT', '01'], ['SELECT', '0']);
  same('SELECT isolates keys', ['SET', 'k', 'a'], ['SELECT', '1'], ['GET', 'k'], ['SET', 'k', 'b'], ['SELECT', '0'], ['GET', 'k']);
  eachServer('QUIT answers OK and closes', async (c) => {
    expect(await c.call('QUIT')).to.equal('OK');
    await c.waitClosed();
  });
});

describe('connection: HELLO', () => {
  sameMasked('HELLO 3 and HELLO 2 maps', ['HELLO', '3'], ['HELLO', '2'], ['HELLO']);
  sameMasked('HELLO 3 switches replies to RESP3', ['HELLO', '3'], ['HGETALL', 'nokey'], ['GET', 'nokey'], ['HELLO', '2'], ['GET', 'nokey']);
  same('HELLO protocol errors', ['HELLO', '4'], ['HELLO', '1'], ['HELLO', 'abc'], ['HELLO', '3.0'], ['HELLO', '-3'], ['HELLO', '99999999999999999999']);
  same('HELLO option syntax errors', ['HELLO', '3', 'AUTH'], ['HELLO', '3', 'auth', 'default'], ['HELLO', '3', 'SETNAME'], ['HELLO', '3', 'foo'], ['HELLO', '2', 'SETNAME', 'a b']);
  sameMasked('HELLO SETNAME names the connection', ['HELLO', '2', 'SETNAME', 'conn1'], ['CLIENT', 'GETNAME']);
  sameMasked('HELLO AUTH without a password configured', ['HELLO', '3', 'AUTH', 'default', 'anything'], ['HELLO', '2', 'AUTH', 'other', 'x']);
  same('a failed HELLO leaves the protocol alone', ['HELLO', '3', 'AUTH', 'nobody', 'x'], ['GET', 'nokey']);
  eachServer('HELLO reports the connection id and Redis 7.0.15', async (c) => {
    const id = await c.call('CLIENT', 'ID');
    const m = (await c.call('HELLO', '3')) as Map<string, unknown>;
    expect(m.get('id')).to.equal(id);
    expect(m.get('version')).to.equal('7.0.15');
    expect(m.get('server')).to.equal('redis');
    expect(m.get('mode')).to.equal('standalone');
  });
});

describe('connection: AUTH and requirepass', () => {
  same('AUTH without requirepass', ['AUTH', 'x'], ['AUTH', 'default', 'x'], ['AUTH', 'bob', 'x'], ['AUTH', 'a', 'b', 'c'], ['AUTH']);

  for (const name of ['respite', 'redis'] as const) {
    it(`requirepass: NOAUTH, WRONGPASS, AUTH and HELLO AUTH [${name}]`, async function () {
      const target = targets().find((t) => t.name === name);
      if (target === undefined) return this.skip();
      await withPassword(target, 'secret', async () => {
        const c = await connect(target);
        try {
          const replies = (await run(c, [
            ['GET', 'x'], ['PING'], ['ECHO', 'x'], ['AUTH', 'wrong'], ['AUTH', 'bob', 'secret'], ['HELLO'], ['HELLO', '3'],
            ['HELLO', '3', 'AUTH', 'default', 'wrong'], ['AUTH', 'secret'], ['GET', 'x'], ['AUTH', 'wrong'], ['GET', 'x'],
          ])).map(maskId);
          expect(replies).to.deep.equal([
            '-NOAUTH Authentication required.\r\n',
            '-NOAUTH Authentication required.\r\n',
            '-NOAUTH Authentication required.\r\n',
            '-WRONGPASS invalid username-password pair or user is disabled.\r\n',
            '-WRONGPASS invalid username-password pair or user is disabled.\r\n',
            '-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time\r\n',
            '-NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time\r\n',
            '-WRONGPASS invalid username-password pair or user is disabled.\r\n',
            '+OK\r\n',
            '$-1\r\n',
            '-WRONGPASS invalid username-password pair or user is disabled.\r\n',
            '$-1\r\n',
          ]);
        } finally {
          c.close();
        }
        const h = await connect(target);
        try {
          const m = (await h.call('HELLO', '3', 'AUTH', 'default', 'secret', 'SETNAME', 'n1')) as Map<string, unknown>;
          expect(m.get('proto')).to.equal(3);
          expect(await h.call('CLIENT', 'GETNAME')).to.equal('n1');
          expect(await h.call('AUTH', 'default', 'secret')).to.equal('OK');
        } finally {
          h.close();
        }
      });
    });

    it(`clearing requirepass lets waiting connections in [${name}]`, async function () {
      const target = targets().find((t) => t.name === name);
      if (target === undefined) return this.skip();
      let waiting: Conn | null = null;
      try {
        await withPassword(target, 'secret', async () => {
          waiting = await connect(target);
          expect(String(await waiting.call('PING'))).to.match(/NOAUTH/);
        });
        expect(await waiting!.call('PING')).to.equal('PONG');
      } finally {
        (waiting as Conn | null)?.close();
      }
    });
  }
});

describe('connection: RESET', () => {
  same('RESET answers RESET', ['RESET']);
  same('RESET leaves MULTI, drops WATCH, selects DB 0', ['SELECT', '2'], ['SET', 'k', 'v'], ['WATCH', 'k'], ['MULTI'], ['SET', 'a', '1'], ['RESET'], ['EXEC'], ['GET', 'k'], ['SELECT', '2'], ['GET', 'k'], ['GET', 'a']);
  sameMasked('RESET goes back to RESP2 and clears the name', ['HELLO', '3', 'SETNAME', 'x'], ['RESET'], ['GET', 'nokey'], ['CLIENT', 'GETNAME']);
  same('RESET unsubscribes everything', ['SUBSCRIBE', 'a', 'b'], ['PSUBSCRIBE', 'p*'], ['RESET'], ['PING'], ['PUBSUB', 'NUMSUB', 'a']);
  eachServer('RESET turns CLIENT REPLY OFF back on', async (c) => {
    c.send('CLIENT', 'REPLY', 'OFF');
    c.send('PING', 'hidden');
    c.send('RESET');
    c.send('PING', 'shown');
    expect((await c.frame()).raw).to.equal('+RESET\r\n');
    expect((await c.frame()).raw).to.equal('$5\r\nshown\r\n');
  });
  eachServer('an active CLIENT REPLY SKIP swallows the RESET reply', async (c) => {
    c.send('CLIENT', 'REPLY', 'SKIP');
    c.send('RESET');
    c.send('PING', 'shown');
    expect((await c.frame()).raw).to.equal('$5\r\nshown\r\n');
  });
  eachServer('RESET keeps NO-EVICT', async (c) => {
    await c.call('CLIENT', 'NO-EVICT', 'on');
    await c.call('RESET');
    const info = await c.call('CLIENT', 'INFO');
    expect(String(info instanceof Verbatim ? info.text : info)).to.match(/ flags=e /);
  });

  for (const name of ['respite', 'redis'] as const) {
    it(`RESET requires AUTH again when a password is set [${name}]`, async function () {
      const target = targets().find((t) => t.name === name);
      if (target === undefined) return this.skip();
      await withPassword(target, 'secret', async () => {
        const c = await connect(target);
        try {
          expect(await run(c, [['AUTH', 'secret'], ['PING'], ['RESET'], ['PING'], ['AUTH', 'secret'], ['PING']])).to.deep.equal([
            '+OK\r\n', '+PONG\r\n', '+RESET\r\n', '-NOAUTH Authentication required.\r\n', '+OK\r\n', '+PONG\r\n',
          ]);
        } finally {
          c.close();
        }
      });
    });
  }
});

describe('connection: unknown and pre-auth commands', () => {
  it('COMMAND INFO of the connection commands matches Redis', async () => {
    await compare(['COMMAND', 'INFO', 'ping', 'echo', 'quit', 'select', 'hello', 'auth', 'reset']);
  });
});
