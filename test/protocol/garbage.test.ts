/**
 * Random bytes never crash the parser or the server: seeded garbage is fed to the request parser
 * directly (no exception may escape) and sent to the running servers, which must keep answering
 * other clients with their data intact.
 */
import { expect } from 'chai';
import { RequestParser } from '../../src/protocol/parser';
import { eachServer } from '../helpers';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Garbage biased towards RESP: type bytes, lengths, CRLFs and quotes, mixed with random bytes. */
function garbage(rand: () => number, n: number): Buffer {
  const pieces = ['*', '$', '\r\n', '\n', '"', "'", '\\x4', '-1', '0', '2', '99999999999', '*3\r\n', '$3\r\nGET\r\n', ' ', 'PING'];
  let s = '';
  while (s.length < n) {
    if (rand() < 0.5) s += pieces[Math.floor(rand() * pieces.length)];
    else s += String.fromCharCode(Math.floor(rand() * 256));
  }
  return Buffer.from(s, 'latin1');
}

describe('protocol: garbage input', () => {
  it('the request parser never throws on random bytes split at random points', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const rand = rng(seed);
      const p = new RequestParser({ maxBulkLen: 512 * 1024 * 1024, queryBufferLimit: 1024 * 1024 * 1024, unauthenticated: () => false });
      const data = garbage(rand, 200 + Math.floor(rand() * 2000));
      let pos = 0;
      while (pos < data.length && p.error === null) {
        const step = 1 + Math.floor(rand() * 64);
        p.feed(data.subarray(pos, pos + step));
        pos += step;
        for (let i = 0; i < 1000 && p.next() !== null; i++);
      }
      expect(p.error === null || p.error.startsWith('Protocol error')).to.equal(true);
    }
  });

  eachServer('garbage on many connections leaves the server serving others, data intact', async (c, open) => {
    await c.call('SET', 'safe', 'value');
    const rand = rng(42);
    for (let i = 0; i < 30; i++) {
      const bad = await open();
      bad.write(garbage(rand, 500));
      bad.close();
    }
    expect(await c.call('GET', 'safe')).to.equal('value');
    expect(await c.call('PING')).to.equal('PONG');
  });
});
