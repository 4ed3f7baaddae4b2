/**
 * TTL commands: EXPIRE / PEXPIRE / EXPIREAT / PEXPIREAT with NX XX GT LT, TTL, PTTL, EXPIRETIME,
 * PEXPIRETIME, PERSIST. Twins with real Redis wherever the reply does not depend on the passing
 * millisecond (absolute deadlines, whole-second TTLs just after setting them); rounding and the
 * passage of time are checked on Respite with its clock frozen.
 */
import { expect, same, eachServer, Conn } from '../helpers';
import { twin } from '../pubsub/util';
import { events, sameResp3 } from '../keyspace/util';

const FAR = '99999999999999'; // a ms deadline in the year 5138

/** Runs fn with Respite's clock frozen (resumed afterwards); skipped on real Redis. */
async function frozen(c: Conn, fn: (advance: (ms: number) => void, now: () => number) => Promise<void>): Promise<void> {
  const r = c.target.respite;
  if (!r) return;
  // Restore the original offset afterwards: resume() alone would keep any time travelled.
  const offset = r.clock.now() - Date.now();
  r.clock.freeze();
  try {
    await fn((ms) => r.clock.advance(ms), () => r.clock.now());
  } finally {
    r.clock.set(Date.now() + offset);
    r.clock.resume();
  }
}

describe('ttl: argument checking', () => {
  same('an unsupported option is named up to its first NUL byte, as Redis prints it', ['SET', 'k', 'v'], ['EXPIRE', 'k', '100', 'x\x00y'], ['PEXPIRE', 'k', '100', 'bogus']);
  for (const cmd of ['EXPIRE', 'PEXPIRE', 'EXPIREAT', 'PEXPIREAT']) {
    same(
      `${cmd} option errors come before the integer and the key`,
      ['SET', 'a', '1'],
      [cmd, 'a', '100', 'NX', 'XX'], [cmd, 'a', '100', 'nx', 'gt'], [cmd, 'a', '100', 'NX', 'LT'], [cmd, 'a', '100', 'GT', 'LT'],
      [cmd, 'a', '100', 'XX', 'NX'], [cmd, 'a', '100', 'foo'], [cmd, 'a', '100', 'Foo\r\nBar'], [cmd, 'a', 'x', 'foo'], [cmd, 'nokey', 'x', 'NX', 'XX'],
      [cmd, 'a', 'x'], [cmd, 'a', '1.5'], [cmd, 'a', ''], [cmd, 'a', ' 1'], [cmd, 'a', '99999999999999999999'], [cmd, 'nokey', 'x'], [cmd, 'a'], ['TTL', 'a'],
    );
  }
  same(
    'overflow by unit conversion or base time is an error naming the command',
    ['SET', 'a', '1'],
    ['EXPIRE', 'a', '9223372036854775'], ['EXPIRE', 'a', '9223372036854774'], ['EXPIRE', 'a', '-9223372036854775808'], ['EXPIRE', 'a', '-9999999999999999'],
    ['EXPIRE', 'nokey', '9223372036854775'], ['PEXPIRE', 'a', '9223372036854775807'], ['EXPIREAT', 'a', '9223372036854776'], ['EXPIREAT', 'a', '-9223372036854776'],
    ['PEXPIRE', 'a', '9223372036854775807', 'XX'], ['TTL', 'a'],
  );
  same('TTL commands need exactly one key', ['TTL'], ['PTTL', 'a', 'b'], ['EXPIRETIME'], ['PEXPIRETIME', 'a', 'b'], ['PERSIST'], ['PERSIST', 'a', 'b']);
});

describe('ttl: setting and reading deadlines', () => {
  same('TTL, PTTL, EXPIRETIME, PEXPIRETIME: -2 for a missing key, -1 without a TTL', ['TTL', 'a'], ['PTTL', 'a'], ['EXPIRETIME', 'a'], ['PEXPIRETIME', 'a'], ['SET', 'a', '1'], ['TTL', 'a'], ['PTTL', 'a'], ['EXPIRETIME', 'a'], ['PEXPIRETIME', 'a']);
  same('EXPIRE of a missing key is 0, with or without options', ['EXPIRE', 'a', '100'], ['PEXPIRE', 'a', '100', 'XX'], ['EXPIREAT', 'a', FAR, 'NX'], ['PEXPIREAT', 'a', '1'], ['EXISTS', 'a']);
  same('EXPIRE sets a TTL in seconds that TTL reports', ['SET', 'a', '1'], ['EXPIRE', 'a', '100'], ['TTL', 'a'], ['EXPIRE', 'a', '2000000'], ['TTL', 'a']);
  same('EXPIRE works on every type', ['RPUSH', 'l', 'x'], ['HSET', 'h', 'f', 'v'], ['SADD', 's', 'm'], ['ZADD', 'z', '1', 'm'], ['EXPIRE', 'l', '100'], ['EXPIRE', 'h', '100'], ['EXPIRE', 's', '100'], ['EXPIRE', 'z', '100'], ['TTL', 'l'], ['TTL', 'h'], ['TTL', 's'], ['TTL', 'z']);
  same(
    'EXPIREAT / PEXPIREAT and EXPIRETIME / PEXPIRETIME round-trip, rounding half up',
    ['SET', 'a', '1'],
    ['PEXPIREAT', 'a', FAR], ['EXPIRETIME', 'a'], ['PEXPIRETIME', 'a'],
    ['PEXPIREAT', 'a', '99999999999499'], ['EXPIRETIME', 'a'], ['PEXPIRETIME', 'a'],
    ['PEXPIREAT', 'a', '99999999999500'], ['EXPIRETIME', 'a'],
    ['EXPIREAT', 'a', '99999999999'], ['PEXPIRETIME', 'a'], ['EXPIRETIME', 'a'],
  );
  same(
    'deadlines beyond 2^53 ms are kept exactly',
    ['SET', 'a', '1'],
    ['PEXPIREAT', 'a', '9223372036854775807'], ['PEXPIRETIME', 'a'], ['EXPIRETIME', 'a'],
    ['PEXPIREAT', 'a', '9007199254740993'], ['PEXPIRETIME', 'a'], ['EXPIRETIME', 'a'],
    ['PEXPIREAT', 'a', '9223372036854770000', 'GT'], ['PEXPIRETIME', 'a'], ['PEXPIREAT', 'a', '9223372036854770001', 'LT'], ['PEXPIRETIME', 'a'],
    ['EXPIREAT', 'a', '9223372036854775'], ['PEXPIRETIME', 'a'], ['PEXPIREAT', 'a', '9223372036854775000', 'LT'], ['PEXPIREAT', 'a', '9223372036854774999', 'LT'], ['PEXPIRETIME', 'a'],
    ['PEXPIREAT', 'a', FAR], ['PEXPIRETIME', 'a'],
  );
  eachServer('TTL and PTTL of a far deadline (values beyond 2^53)', async (c) => {
    await c.call('SET', 'a', '1');
    await c.call('PEXPIREAT', 'a', '9223372036854775807');
    const pttl = BigInt(await c.call('PTTL', 'a'));
    const expected = 9223372036854775807n - BigInt(Date.now());
    expect(Number(expected - pttl)).to.be.within(-1000, 1000);
    expect(String(await c.call('TTL', 'a'))).to.match(/^92233\d{11}$/);
  });
  same(
    'a deadline in the past deletes the key and still answers 1',
    ['SET', 'a', '1'], ['EXPIRE', 'a', '0'], ['EXISTS', 'a'],
    ['SET', 'a', '1'], ['EXPIRE', 'a', '-1'], ['EXISTS', 'a'],
    ['SET', 'a', '1'], ['PEXPIREAT', 'a', '1'], ['EXISTS', 'a'],
    ['SET', 'a', '1'], ['EXPIREAT', 'a', '0'], ['EXISTS', 'a'],
    ['SET', 'a', '1'], ['PEXPIREAT', 'a', '-9223372036854770000'], ['TTL', 'a'],
    ['SET', 'a', '1'], ['PEXPIRE', 'a', '-9223372036854775808'], ['TTL', 'a'],
    ['RPUSH', 'l', 'x'], ['PEXPIRE', 'l', '0'], ['TYPE', 'l'],
  );
  same(
    'NX and XX',
    ['SET', 'a', '1'], ['EXPIRE', 'a', '100', 'XX'], ['TTL', 'a'], ['EXPIRE', 'a', '100', 'NX'], ['TTL', 'a'], ['EXPIRE', 'a', '200', 'NX'], ['TTL', 'a'],
    ['EXPIRE', 'a', '300', 'XX'], ['TTL', 'a'], ['EXPIRE', 'a', '400', 'nx', 'NX'], ['EXPIRE', 'a', '0', 'NX'], ['EXISTS', 'a'], ['EXPIRE', 'a', '0', 'XX'], ['EXISTS', 'a'],
  );
  same(
    'GT and LT: no TTL counts as infinite',
    ['SET', 'a', '1'], ['EXPIRE', 'a', '100', 'GT'], ['TTL', 'a'], ['EXPIRE', 'a', '100', 'LT'], ['TTL', 'a'],
    ['EXPIRE', 'a', '50', 'GT'], ['EXPIRE', 'a', '99', 'GT'], ['EXPIRE', 'a', '200', 'GT'], ['TTL', 'a'],
    ['EXPIRE', 'a', '300', 'LT'], ['EXPIRE', 'a', '200', 'LT'], ['EXPIRE', 'a', '150', 'lt'], ['TTL', 'a'],
    ['EXPIRE', 'a', '160', 'XX', 'GT'], ['TTL', 'a'], ['EXPIRE', 'a', '120', 'LT', 'XX'], ['TTL', 'a'],
    ['PERSIST', 'a'], ['EXPIRE', 'a', '100', 'XX', 'LT'], ['EXPIRE', 'a', '-5', 'GT'], ['EXISTS', 'a'], ['EXPIRE', 'a', '-5', 'LT'], ['EXISTS', 'a'],
  );
  same(
    'PERSIST: 0 for a missing key or one without a TTL, 1 when it removed one',
    ['PERSIST', 'a'], ['SET', 'a', '1'], ['PERSIST', 'a'], ['EXPIRE', 'a', '100'], ['PERSIST', 'a'], ['TTL', 'a'], ['PERSIST', 'a'], ['GET', 'a'],
  );
  sameResp3('TTL replies are integers in RESP3 too', ['SET', 'a', '1'], ['EXPIRE', 'a', '100'], ['TTL', 'a'], ['PEXPIREAT', 'a', FAR], ['PEXPIRETIME', 'a'], ['PTTL', 'nokey'], ['PERSIST', 'a']);
});

describe('ttl: time passing (Respite clock)', () => {
  eachServer('TTL rounds to the nearest second, PTTL is exact', async (c) => {
    await frozen(c, async () => {
      await c.call('SET', 'a', '1');
      const cases: Array<[string, number, number]> = [['1500', 2, 1500], ['1499', 1, 1499], ['500', 1, 500], ['499', 0, 499], ['1', 0, 1]];
      for (const [ms, ttl, pttl] of cases) {
        await c.call('PEXPIRE', 'a', ms);
        expect(await c.call('TTL', 'a'), ms).to.equal(ttl);
        expect(await c.call('PTTL', 'a'), ms).to.equal(pttl);
      }
    });
  });
  eachServer('PTTL counts down with the clock and the key vanishes at its deadline', async (c) => {
    await frozen(c, async (advance, now) => {
      await c.call('SET', 'a', '1');
      await c.call('PEXPIRE', 'a', '100');
      expect(await c.call('PEXPIRETIME', 'a')).to.equal(now() + 100);
      advance(40);
      expect(await c.call('PTTL', 'a')).to.equal(60);
      advance(59);
      expect(await c.call('PTTL', 'a')).to.equal(1);
      expect(await c.call('GET', 'a')).to.equal('1');
      advance(1);
      expect(await c.call('PTTL', 'a')).to.equal(-2);
      expect(await c.call('GET', 'a')).to.equal(null);
    });
  });
  eachServer('EXPIRE computes from the server clock, EXPIREAT does not', async (c) => {
    await frozen(c, async (advance, now) => {
      advance(10 * 24 * 3600 * 1000);
      await c.call('SET', 'a', '1');
      await c.call('EXPIRE', 'a', '10');
      expect(await c.call('PEXPIRETIME', 'a')).to.equal(now() + 10000);
      const at = Math.floor(now() / 1000) + 5;
      await c.call('EXPIREAT', 'a', String(at));
      expect(await c.call('EXPIRETIME', 'a')).to.equal(at);
      expect(await c.call('PEXPIREAT', 'a', String(now()))).to.equal(1);
      expect(await c.call('EXISTS', 'a')).to.equal(0);
    });
  });
  eachServer('GT / LT compare with the exact current deadline', async (c) => {
    await frozen(c, async (_advance, now) => {
      await c.call('SET', 'a', '1');
      const t = now() + 5000;
      await c.call('PEXPIREAT', 'a', String(t));
      expect(await c.call('PEXPIREAT', 'a', String(t), 'GT')).to.equal(0);
      expect(await c.call('PEXPIREAT', 'a', String(t), 'LT')).to.equal(0);
      expect(await c.call('PEXPIREAT', 'a', String(t + 1), 'GT')).to.equal(1);
      expect(await c.call('PEXPIRE', 'a', '5000', 'LT')).to.equal(1);
      expect(await c.call('PEXPIRETIME', 'a')).to.equal(t);
    });
  });
});

describe('ttl: events and WATCH', () => {
  twin('EXPIRE publishes expire, or del for a past deadline; failed calls publish nothing', async (c, open) => {
    await c.call('SET', 'a', '1');
    await c.call('SET', 'b', '1');
    return events(c, open, 'KEA', async () => {
      await c.call('EXPIRE', 'a', '100');
      await c.call('PEXPIREAT', 'a', FAR, 'GT');
      await c.call('EXPIRE', 'a', '100', 'NX');
      await c.call('EXPIRE', 'nokey', '100');
      await c.call('EXPIRE', 'a', '100', 'foo');
      await c.call('PERSIST', 'a');
      await c.call('PERSIST', 'a');
      await c.call('EXPIRE', 'b', '-1');
      await c.call('TTL', 'a');
    });
  });
  twin('expire and persist are generic (g) events', async (c, open) => {
    await c.call('SET', 'a', '1');
    return events(c, open, 'Kg', async () => {
      await c.call('EXPIRE', 'a', '100');
      await c.call('PERSIST', 'a');
      await c.call('EXPIRE', 'a', '0');
    });
  });
  for (const [title, cmd] of [
    ['EXPIRE', ['EXPIRE', 'k', '100']],
    ['PERSIST', ['PERSIST', 'k']],
    ['EXPIRE into the past', ['PEXPIREAT', 'k', '1']],
  ] as const) {
    eachServer(`${title} invalidates WATCH`, async (c, open) => {
      const other = await open();
      await c.call('SET', 'k', '1');
      await c.call('EXPIRE', 'k', '1000');
      await c.call('WATCH', 'k');
      await other.call(...cmd);
      await c.call('MULTI');
      await c.call('PING');
      expect(await c.call('EXEC')).to.equal(null);
    });
  }
  eachServer('EXPIRE that changes nothing leaves WATCH intact', async (c, open) => {
    const other = await open();
    await c.call('SET', 'k', '1');
    await c.call('WATCH', 'k');
    await other.call('EXPIRE', 'k', '100', 'XX');
    await other.call('PERSIST', 'k');
    await c.call('MULTI');
    await c.call('PING');
    expect(await c.call('EXEC')).to.deep.equal(['PONG']);
  });
});
