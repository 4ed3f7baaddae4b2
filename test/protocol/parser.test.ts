/** Request parsing: multibulk, inline, pipelines, splits at any byte, protocol errors and limits. */
import { eachServer, expect, ReplyError, same } from '../helpers';

describe('protocol: requests', () => {
  eachServer('inline commands with quoting are parsed like redis', async (c) => {
    c.write('SET k "a\\x41\\n b" \r\nGET k\r\nECHO \'it\\\'s\'\r\n');
    expect((await c.frame()).value).to.equal('OK');
    expect((await c.frame()).value).to.equal('aA\n b');
    expect((await c.frame()).value).to.equal("it's");
  });

  eachServer('empty inline lines are ignored', async (c) => {
    c.write('\r\n\r\nPING\r\n');
    expect((await c.frame()).raw).to.equal('+PONG\r\n');
  });

  eachServer('a pipeline split at every byte gets every reply in order', async (c) => {
    const data = Buffer.from('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\nv\x00\xff\r\n*2\r\n$3\r\nGET\r\n$1\r\nk\r\nPING\r\n', 'latin1');
    for (let i = 0; i < data.length; i++) {
      c.write(data.subarray(i, i + 1));
      await new Promise((r) => setImmediate(r));
    }
    expect((await c.frame()).value).to.equal('OK');
    expect((await c.frame()).raw).to.equal('$3\r\nv\x00\xff\r\n');
    expect((await c.frame()).value).to.equal('PONG');
  });

  eachServer('a deep pipeline is answered in order', async (c) => {
    let req = '';
    for (let i = 0; i < 2000; i++) req += `*2\r\n$4\r\nECHO\r\n$${String(i).length}\r\n${i}\r\n`;
    c.write(req);
    for (let i = 0; i < 2000; i++) expect((await c.frame()).value).to.equal(String(i));
  });

  eachServer('unbalanced quotes are a protocol error that closes the connection', async (c) => {
    c.write('SET "k v\r\n');
    const f = await c.frame();
    expect(f.raw).to.equal('-ERR Protocol error: unbalanced quotes in request\r\n');
    await c.waitClosed();
  });

  eachServer('a bad multibulk length is a protocol error', async (c) => {
    c.write('*x\r\n');
    expect((await c.frame()).raw).to.equal('-ERR Protocol error: invalid multibulk length\r\n');
    await c.waitClosed();
  });

  eachServer('a bulk without $ is a protocol error naming the byte', async (c) => {
    c.write('*1\r\n:3\r\n');
    expect((await c.frame()).raw).to.equal("-ERR Protocol error: expected '$', got ':'\r\n");
    await c.waitClosed();
  });

  eachServer('a negative bulk length is a protocol error', async (c) => {
    c.write('*1\r\n$-5\r\n');
    expect((await c.frame()).raw).to.equal('-ERR Protocol error: invalid bulk length\r\n');
    await c.waitClosed();
  });

  eachServer('a bulk longer than proto-max-bulk-len is refused before buffering', async (c) => {
    c.write('*1\r\n$536870913\r\n');
    expect((await c.frame()).raw).to.equal('-ERR Protocol error: invalid bulk length\r\n');
    await c.waitClosed();
  });

  eachServer('an inline request over 64 KB without newline is refused', async (c) => {
    c.write('A'.repeat(70 * 1024));
    expect((await c.frame()).raw).to.equal('-ERR Protocol error: too big inline request\r\n');
    await c.waitClosed();
  });

  eachServer('a protocol error on one client does not disturb another', async (c, open) => {
    const other = await open();
    await other.call('SET', 'safe', 'v');
    c.write('*1\r\n$x\r\n');
    await c.frame();
    expect(await other.call('GET', 'safe')).to.equal('v');
  });

  eachServer('multibulk count of zero or less is skipped', async (c) => {
    c.write('*0\r\n*-1\r\nPING\r\n');
    expect((await c.frame()).value).to.equal('PONG');
  });

  eachServer('unknown commands name the command and the first arguments', async (c) => {
    const r = await c.call('FOO', 'a', 'b');
    expect(r).to.be.instanceOf(ReplyError);
    expect(r.message).to.equal("ERR unknown command 'FOO', with args beginning with: 'a' 'b' ");
  });

  same('an unknown command quotes its name and arguments up to a NUL byte, as C\'s %s', ['FO\x00O', 'a\x00b', 'c']);

  eachServer('wrong arity names the command in lowercase', async (c) => {
    expect((await c.call('ECHO')).message).to.equal("ERR wrong number of arguments for 'echo' command");
  });
});
