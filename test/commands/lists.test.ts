/**
 * The non-blocking list commands against real Redis: replies and errors byte for byte (RESP2 and
 * RESP3), the order in which argument and type errors win, empty lists deleted, keyspace events,
 * OBJECT ENCODING, a seeded differential run of random edits, and LRANGE on a large list.
 */
import { expect, same, eachServer, compare, Cmd } from '../helpers';
import { twin, setConfig, resp3, frames } from '../pubsub/util';

const WT = ['SET', 's', 'x'];

describe('lists: pushes and pops', () => {
  same('LPUSH / RPUSH push every element in order and answer the length', ['LPUSH', 'l', 'a', 'b', 'c'], ['RPUSH', 'l', 'x', 'y'], ['LRANGE', 'l', '0', '-1'], ['LLEN', 'l']);
  same('LPUSHX / RPUSHX on a missing key answer 0 and create nothing', ['LPUSHX', 'l', 'a'], ['RPUSHX', 'l', 'a', 'b'], ['EXISTS', 'l']);
  same('LPUSHX / RPUSHX push to an existing list', ['RPUSH', 'l', 'a'], ['LPUSHX', 'l', 'b', 'c'], ['RPUSHX', 'l', 'd'], ['LRANGE', 'l', '0', '-1']);
  same('pushes against a string are WRONGTYPE', WT, ['LPUSH', 's', 'a'], ['RPUSH', 's', 'a'], ['LPUSHX', 's', 'a'], ['RPUSHX', 's', 'a']);
  same('push arity errors', ['LPUSH', 'l'], ['RPUSHX', 'l'], ['LLEN'], ['LLEN', 'a', 'b']);
  same('LPOP / RPOP without count answer a bulk or nil', ['RPUSH', 'l', 'a', 'b', 'c'], ['LPOP', 'l'], ['RPOP', 'l'], ['LPOP', 'nokey'], ['RPOP', 'nokey']);
  same('LPOP / RPOP with count answer arrays, RPOP from the tail', ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'], ['LPOP', 'l', '2'], ['RPOP', 'l', '2'], ['LPOP', 'l', '10'], ['EXISTS', 'l']);
  same('LPOP count 0 answers an empty array and keeps the list', ['RPUSH', 'l', 'a'], ['LPOP', 'l', '0'], ['LLEN', 'l']);
  same('LPOP with count on a missing key is a null array', ['LPOP', 'nokey', '0'], ['LPOP', 'nokey', '3'], ['RPOP', 'nokey', '1']);
  same('LPOP count errors: negative and non-integers, checked before the type', WT, ['LPOP', 'l', '-1'], ['LPOP', 'l', 'abc'], ['LPOP', 's', 'x'], ['LPOP', 's', '0'], ['LPOP', 's'], ['LPOP', 'l', '1', '2'], ['RPOP', 'l', '1', '2', '3']);
  same('popping the last element deletes the key', ['RPUSH', 'l', 'a'], ['RPOP', 'l'], ['EXISTS', 'l'], ['RPUSH', 'l', 'a', 'b'], ['LPOP', 'l', '2'], ['EXISTS', 'l'], ['TYPE', 'l']);
  same('binary-safe elements round-trip', ['RPUSH', 'l', Buffer.from([0, 255, 13, 10, 128]), ''], ['LRANGE', 'l', '0', '-1'], ['LPOS', 'l', ''], ['LPOP', 'l']);

  eachServer('RESP3: nil shapes of LPOP with and without count', async (c) => {
    await resp3(c);
    expect(await c.raw('LPOP', 'nokey')).to.equal('_\r\n');
    expect(await c.raw('LPOP', 'nokey', '2')).to.equal('_\r\n');
    expect(await c.raw('RPUSH', 'l', 'a')).to.equal(':1\r\n');
    expect(await c.raw('LPOP', 'l', '0')).to.equal('*0\r\n');
    expect(await c.raw('LINDEX', 'l', '5')).to.equal('_\r\n');
    expect(await c.raw('LPOS', 'l', 'zz')).to.equal('_\r\n');
    expect(await c.raw('LMPOP', '1', 'nokey', 'LEFT')).to.equal('_\r\n');
    expect(await c.raw('LMOVE', 'nokey', 'x', 'LEFT', 'LEFT')).to.equal('_\r\n');
  });
});

describe('lists: reads', () => {
  same('LRANGE clamps and converts negative indexes', ['RPUSH', 'l', 'a', 'b', 'c', 'd', 'e'], ['LRANGE', 'l', '0', '-1'], ['LRANGE', 'l', '-100', '100'], ['LRANGE', 'l', '3', '1'], ['LRANGE', 'l', '5', '10'], ['LRANGE', 'l', '-2', '-1'], ['LRANGE', 'l', '1', '1'], ['LRANGE', 'l', '-1', '-5']);
  same('LRANGE with int64 extremes', ['RPUSH', 'l', 'a', 'b'], ['LRANGE', 'l', '0', '9223372036854775807'], ['LRANGE', 'l', '-9223372036854775808', '0'], ['LRANGE', 'l', '0', '9223372036854775808']);
  same('LRANGE parses indexes before the key', WT, ['LRANGE', 'l', 'x', '1'], ['LRANGE', 'l', '1', 'x'], ['LRANGE', 's', 'x', '1'], ['LRANGE', 's', '0', '1'], ['LRANGE', 'nokey', '0', '-1']);
  same('LINDEX reads by index, negative from the tail', ['RPUSH', 'l', 'a', 'b', 'c'], ['LINDEX', 'l', '0'], ['LINDEX', 'l', '-1'], ['LINDEX', 'l', '-3'], ['LINDEX', 'l', '-4'], ['LINDEX', 'l', '3']);
  same('LINDEX checks the key before the index', WT, ['LINDEX', 'nokey', 'x'], ['LINDEX', 's', 'x'], ['RPUSH', 'l', 'a'], ['LINDEX', 'l', 'x'], ['LINDEX', 'l', '1.5']);
  same('LLEN of missing key and wrong type', WT, ['LLEN', 'nokey'], ['LLEN', 's']);

  same('LPOS finds the first match, RANK skips, negative RANK from the tail',
    ['RPUSH', 'l', 'a', 'b', 'c', '1', '2', '3', 'c', 'c'],
    ['LPOS', 'l', 'c'], ['LPOS', 'l', 'c', 'RANK', '2'], ['LPOS', 'l', 'c', 'rank', '-1'], ['LPOS', 'l', 'c', 'RANK', '-3'], ['LPOS', 'l', 'c', 'RANK', '-5'], ['LPOS', 'l', 'c', 'RANK', '4'], ['LPOS', 'l', 'zz']);
  same('LPOS COUNT and MAXLEN',
    ['RPUSH', 'l', 'a', 'b', 'c', '1', '2', '3', 'c', 'c'],
    ['LPOS', 'l', 'c', 'COUNT', '0'], ['LPOS', 'l', 'c', 'COUNT', '2'], ['LPOS', 'l', 'c', 'COUNT', '0', 'RANK', '-1'], ['LPOS', 'l', 'c', 'MAXLEN', '3'],
    ['LPOS', 'l', 'c', 'MAXLEN', '3', 'COUNT', '0'], ['LPOS', 'l', 'c', 'MAXLEN', '0', 'COUNT', '0'], ['LPOS', 'l', 'c', 'COUNT', '1', 'RANK', '-2', 'MAXLEN', '2'],
    ['LPOS', 'l', 'c', 'COUNT', '5', 'RANK', '-2'], ['LPOS', 'l', 'c', 'RANK', '2', 'COUNT', '5'], ['LPOS', 'l', 'zz', 'COUNT', '0'], ['LPOS', 'l', 'c', 'RANK', '1', 'RANK', '2'], ['LPOS', 'l', 'c', 'MAXLEN', '1', 'COUNT', '0']);
  same('LPOS errors: RANK zero text, COUNT/MAXLEN negative, syntax, all before the key',
    WT, ['RPUSH', 'l', 'a'],
    ['LPOS', 'l', 'a', 'RANK', '0'], ['LPOS', 'nokey', 'a', 'RANK', '0'], ['LPOS', 's', 'a', 'RANK', '0'], ['LPOS', 'l', 'a', 'RANK', 'x'],
    ['LPOS', 'l', 'a', 'COUNT', '-1'], ['LPOS', 'l', 'a', 'COUNT', 'x'], ['LPOS', 'l', 'a', 'MAXLEN', '-1'], ['LPOS', 'l', 'a', 'MAXLEN', 'x'],
    ['LPOS', 'l', 'a', 'foo'], ['LPOS', 'l', 'a', 'RANK'], ['LPOS', 'l', 'a', 'COUNT'], ['LPOS', 's', 'a'], ['LPOS', 's', 'a', 'COUNT', '1']);
  same('LPOS on a missing key: nil, or an empty array with COUNT', ['LPOS', 'nokey', 'a'], ['LPOS', 'nokey', 'a', 'COUNT', '1'], ['LPOS', 'nokey', 'a', 'COUNT', '0', 'MAXLEN', '3']);
  same('LPOS RANK at the int64 extremes', ['RPUSH', 'l', 'c', 'x', 'c', 'c'],
    ['LPOS', 'l', 'c', 'RANK', '-9223372036854775808'], ['LPOS', 'l', 'c', 'RANK', '-9223372036854775808', 'COUNT', '1'],
    ['LPOS', 'l', 'c', 'RANK', '9223372036854775807'], ['LPOS', 'l', 'c', 'RANK', '-9223372036854775807', 'COUNT', '0']);
});

describe('lists: in-place edits', () => {
  same('LSET replaces by index, negative from the tail', ['RPUSH', 'l', 'a', 'b', 'c'], ['LSET', 'l', '0', 'A'], ['LSET', 'l', '-1', 'C'], ['LSET', 'l', '1', ''], ['LRANGE', 'l', '0', '-1']);
  same('LSET errors: no such key, index out of range, key checked before index', WT, ['RPUSH', 'l', 'a'],
    ['LSET', 'nokey', '0', 'x'], ['LSET', 'nokey', 'x', 'x'], ['LSET', 's', 'x', 'x'], ['LSET', 'l', '1', 'x'], ['LSET', 'l', '-2', 'x'], ['LSET', 'l', 'x', 'y']);
  same('LINSERT before and after the first pivot', ['RPUSH', 'l', 'a', 'b', 'c', 'b', 'a'], ['LINSERT', 'l', 'BEFORE', 'b', 'X'], ['LINSERT', 'l', 'after', 'b', 'Y'],
    ['LINSERT', 'l', 'before', 'a', 'H'], ['LINSERT', 'l', 'AFTER', 'a', 'I'], ['LRANGE', 'l', '0', '-1']);
  same('LINSERT near the tail and at the last element', ['RPUSH', 'l', '1', '2', '3', '4', '5', '6'], ['LINSERT', 'l', 'AFTER', '6', 'T'], ['LINSERT', 'l', 'BEFORE', '5', 'U'], ['LRANGE', 'l', '0', '-1']);
  same('LINSERT without the pivot answers -1, without the key 0', ['RPUSH', 'l', 'a'], ['LINSERT', 'l', 'BEFORE', 'zz', 'q'], ['LINSERT', 'nokey', 'BEFORE', 'a', 'b'], ['EXISTS', 'nokey']);
  same('LINSERT checks BEFORE/AFTER before the key', WT, ['LINSERT', 'l', 'middle', 'b', 'Q'], ['LINSERT', 'nokey', 'middle', 'a', 'b'], ['LINSERT', 's', 'middle', 'a', 'b'], ['LINSERT', 's', 'before', 'a', 'b']);
  same('LREM from the head, from the tail, and all', ['RPUSH', 'm', 'a', 'b', 'a', 'c', 'a', 'd', 'a'], ['LREM', 'm', '2', 'a'], ['LRANGE', 'm', '0', '-1'], ['LREM', 'm', '-1', 'a'],
    ['LRANGE', 'm', '0', '-1'], ['RPUSH', 'm', 'a', 'a', 'z', 'a'], ['LREM', 'm', '0', 'a'], ['LRANGE', 'm', '0', '-1'], ['LREM', 'm', '0', 'nothing']);
  same('LREM -2 keeps the head matches', ['RPUSH', 'm', 'x', 'a', 'x', 'a', 'x'], ['LREM', 'm', '-2', 'x'], ['LRANGE', 'm', '0', '-1']);
  same('LREM that empties the list deletes it', ['RPUSH', 'm', 'a', 'a'], ['LREM', 'm', '0', 'a'], ['EXISTS', 'm']);
  same('LREM parses the count before the key', WT, ['LREM', 'nokey', 'x', 'b'], ['LREM', 's', 'x', 'b'], ['LREM', 's', '1', 'b'], ['LREM', 'nokey', '1', 'b']);
  same('LTRIM keeps a range, clamps, empties and deletes', ['RPUSH', 't', '1', '2', '3', '4', '5'], ['LTRIM', 't', '1', '-2'], ['LRANGE', 't', '0', '-1'],
    ['LTRIM', 't', '-100', '100'], ['LRANGE', 't', '0', '-1'], ['LTRIM', 't', '2', '1'], ['EXISTS', 't'], ['RPUSH', 't', 'a', 'b'], ['LTRIM', 't', '5', '10'], ['EXISTS', 't']);
  same('LTRIM errors: indexes before the key', WT, ['LTRIM', 'nokey', 'x', '1'], ['LTRIM', 's', 'x', '1'], ['LTRIM', 's', '0', '1'], ['LTRIM', 'nokey', '0', '1']);
});

describe('lists: moves and LMPOP', () => {
  same('LMOVE in all four directions', ['RPUSH', 'a', '1', '2', '3', '4'], ['LMOVE', 'a', 'b', 'LEFT', 'RIGHT'], ['LMOVE', 'a', 'b', 'left', 'left'], ['LMOVE', 'a', 'b', 'RIGHT', 'LEFT'],
    ['LMOVE', 'a', 'b', 'RIGHT', 'RIGHT'], ['EXISTS', 'a'], ['LRANGE', 'b', '0', '-1']);
  same('LMOVE errors: direction syntax first, then source type, then destination type', WT, ['RPUSH', 'a', '1'],
    ['LMOVE', 'a', 'b', 'up', 'left'], ['LMOVE', 'nokey', 'b', 'left', 'up'], ['LMOVE', 's', 'b', 'left', 'left'], ['LMOVE', 'a', 's', 'left', 'left'],
    ['LMOVE', 'nokey', 's', 'left', 'left'], ['LRANGE', 'a', '0', '-1']);
  same('LMOVE / RPOPLPUSH of a list onto itself rotates it, even with one element', ['RPUSH', 'a', '1', '2', '3'], ['LMOVE', 'a', 'a', 'LEFT', 'RIGHT'], ['LRANGE', 'a', '0', '-1'],
    ['RPOPLPUSH', 'a', 'a'], ['LRANGE', 'a', '0', '-1'], ['RPUSH', 'one', 'x'], ['LMOVE', 'one', 'one', 'LEFT', 'LEFT'], ['RPOPLPUSH', 'one', 'one'], ['LRANGE', 'one', '0', '-1']);
  same('RPOPLPUSH moves tail to head and deletes an emptied source', ['RPUSH', 'a', '1', '2'], ['RPOPLPUSH', 'a', 'b'], ['RPOPLPUSH', 'a', 'b'], ['RPOPLPUSH', 'a', 'b'], ['EXISTS', 'a'], ['LRANGE', 'b', '0', '-1']);
  same('LMOVE keeps the destination TTL', ['RPUSH', 'a', '1', '2'], ['RPUSH', 'b', 'x'], ['EXPIRE', 'b', '100'], ['LMOVE', 'a', 'b', 'LEFT', 'LEFT'], ['TTL', 'b']);
  same('LMPOP pops from the first non-empty list with COUNT', ['RPUSH', 'b', '1', '2', '3'], ['LMPOP', '3', 'nokey', 'b', 'c', 'LEFT'], ['LMPOP', '2', 'b', 'c', 'RIGHT', 'COUNT', '10'],
    ['EXISTS', 'b'], ['LMPOP', '1', 'b', 'left'], ['RPUSH', 'c', 'x'], ['LMPOP', '2', 'b', 'c', 'left', 'count', '1']);
  same('LMPOP errors in Redis order', WT, ['RPUSH', 'c', '1'],
    ['LMPOP', '0', 'c', 'LEFT'], ['LMPOP', '-1', 'c', 'LEFT'], ['LMPOP', 'x', 'c', 'LEFT'], ['LMPOP', '2', 'c', 'LEFT'], ['LMPOP', '1', 'c', 'middle'],
    ['LMPOP', '1', 'c', 'LEFT', 'COUNT', '0'], ['LMPOP', '1', 'c', 'LEFT', 'COUNT', '-1'], ['LMPOP', '1', 'c', 'LEFT', 'COUNT', 'x'], ['LMPOP', '1', 'c', 'LEFT', 'COUNT', '1', 'COUNT', '2'],
    ['LMPOP', '1', 'c', 'LEFT', 'foo'], ['LMPOP', '1', 'c', 'LEFT', 'COUNT'], ['LMPOP', '2', 's', 'c', 'LEFT'], ['LMPOP', '2', 'nokey', 's', 'LEFT'], ['LMPOP', '3', 'a', 'b', 'left'],
    ['LMPOP', '9223372036854775807', 'a', 'b'], ['LMPOP', '1', 'c'], ['LRANGE', 'c', '0', '-1']);
});

describe('lists: OBJECT ENCODING and keyspace events', () => {
  same('Redis 7.0 reports quicklist for small and large lists', ['RPUSH', 'small', 'a'], ['OBJECT', 'ENCODING', 'small'], ['RPUSH', 'big', 'x'.repeat(10000)], ['OBJECT', 'ENCODING', 'big']);

  twin('list commands publish Redis\'s events, new on creation, del when emptied, nothing on no-ops', async (c, open) => {
    await setConfig(c, 'notify-keyspace-events', 'KEAn');
    try {
      const sub = await open();
      await frames(sub, 1, 'PSUBSCRIBE', '__keyevent@0__:*');
      const cmds: Cmd[] = [
        ['RPUSH', 'l', 'a', 'b', 'c'], ['LPUSH', 'l', 'z'], ['LPUSHX', 'nokey', 'a'], ['RPUSHX', 'l', 'd'], ['LPOP', 'l'], ['RPOP', 'l', '0'], ['RPOP', 'l', '1'],
        ['LINSERT', 'l', 'BEFORE', 'b', 'q'], ['LINSERT', 'l', 'BEFORE', 'nope', 'q'], ['LSET', 'l', '0', 'A'], ['LREM', 'l', '0', 'nope'], ['LREM', 'l', '1', 'q'],
        ['LTRIM', 'l', '0', '-1'], ['LMOVE', 'l', 'm', 'LEFT', 'RIGHT'], ['RPOPLPUSH', 'l', 'm'], ['LMPOP', '1', 'm', 'LEFT', 'COUNT', '5'], ['RPUSH', 't', '1'], ['LTRIM', 't', '1', '0'],
        ['RPUSH', 'r', 'x'], ['LREM', 'r', '0', 'x'], ['RPUSH', 'self', 'x'], ['LMOVE', 'self', 'self', 'LEFT', 'RIGHT'], ['LRANGE', 'self', '0', '-1'], ['LPOS', 'self', 'x'],
      ];
      for (const cmd of cmds) await c.call(...cmd);
      await c.call('PUBLISH', 'end', 'x');
      const events: string[] = [];
      sub.send('PSUBSCRIBE', 'end');
      for (;;) {
        const f = await sub.frame();
        const v = f.value as string[];
        if (v[0] === 'psubscribe') break;
        events.push(`${v[2].replace('__keyevent@0__:', '')} ${v[3]}`);
      }
      expect(events.slice(0, 2)).to.deep.equal(['new l', 'rpush l']);
      return events;
    } finally {
      await setConfig(c, 'notify-keyspace-events', '');
    }
  });
});

describe('lists: differential random edits', () => {
  it('a seeded run of random list commands matches Redis reply for reply', async () => {
    let seed = 12345;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const vals = ['a', 'b', 'c', 'd'];
    const keys = ['k1', 'k2'];
    const idx = (): string => String(rnd(14) - 7);
    const cmds: Cmd[] = [];
    for (let i = 0; i < 600; i++) {
      const k = keys[rnd(2)];
      const v = vals[rnd(4)];
      switch (rnd(13)) {
        case 0: cmds.push(['LPUSH', k, v, vals[rnd(4)]]); break;
        case 1: cmds.push(['RPUSH', k, v]); break;
        case 2: cmds.push(['LINSERT', k, rnd(2) ? 'BEFORE' : 'AFTER', v, 'n' + i]); break;
        case 3: cmds.push(['LREM', k, idx(), v]); break;
        case 4: cmds.push(['LTRIM', k, idx(), idx()]); break;
        case 5: cmds.push(['LSET', k, idx(), 's' + i]); break;
        case 6: cmds.push(['LPOP', k, String(rnd(3))]); break;
        case 7: cmds.push(['RPOP', k]); break;
        case 8: cmds.push(['LMOVE', k, keys[rnd(2)], rnd(2) ? 'LEFT' : 'RIGHT', rnd(2) ? 'LEFT' : 'RIGHT']); break;
        case 9: cmds.push(['LPOS', k, v, 'RANK', String(rnd(2) ? 1 + rnd(3) : -1 - rnd(3)), 'COUNT', String(rnd(3))]); break;
        case 10: cmds.push(['LINDEX', k, idx()]); break;
        case 11: cmds.push(['RPUSH', k, 'p' + i, 'q' + i, v, v]); break;
        default: cmds.push(['LRANGE', k, '0', '-1']); break;
      }
      if (i % 10 === 9) cmds.push(['LRANGE', k, '0', '-1']);
    }
    await compare(...cmds);
  });

  same('a long list edited in the middle (ring wrap-around) stays identical',
    ...Array.from({ length: 40 }, (_, i): Cmd => (i % 2 ? ['LPUSH', 'l', 'h' + i] : ['RPUSH', 'l', 't' + i])),
    ['LINSERT', 'l', 'BEFORE', 't10', 'x1'], ['LINSERT', 'l', 'AFTER', 'h11', 'x2'], ['LREM', 'l', '0', 't20'], ['LSET', 'l', '5', 'S'], ['LSET', 'l', '-5', 'E'],
    ['LTRIM', 'l', '3', '-4'], ['LRANGE', 'l', '0', '-1'], ['LPOS', 'l', 'S'], ['LINDEX', 'l', '20']);
});

describe('lists: LRANGE on large lists', () => {
  eachServer('LRANGE 0 599 of a 10000-element list answers 600 elements quickly', async (c) => {
    const args: string[] = [];
    for (let i = 0; i < 10000; i++) args.push('element:' + i);
    await c.call('RPUSH', 'big', ...args);
    const start = Date.now();
    let last: string[] = [];
    for (let i = 0; i < 200; i++) last = await c.call('LRANGE', 'big', '0', '599');
    expect(last.length).to.equal(600);
    expect(last[599]).to.equal('element:599');
    expect(Date.now() - start).to.be.below(3000);
  });
});
