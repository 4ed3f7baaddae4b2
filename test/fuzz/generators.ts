/**
 * Random command generators for the differential fuzz test, one list per command family. Each entry
 * makes one command (argv) from a seeded Gen over a deliberately tiny key space, so types collide and
 * WRONGTYPE paths run, with edge-case arguments: negative, huge and zero numbers, empty and binary
 * strings, inf/nan, option words in random case, and (added by the runner) wrong arity.
 *
 * To cover a new command, add an entry to its family below; the runner skips entries whose command
 * Respite does not know yet, so a generator may land before its command does.
 */
import { BINARY, Family, Gen, LONG } from './gen';
import { COLLECTION_FAMILIES } from './generators-collections';

/** SET's options in random order, sometimes contradictory (Redis must reject those). */
function setOptions(g: Gen): string[] {
  const out: string[] = [];
  if (g.r.chance(0.3)) out.push(g.oneOf('NX', 'XX'));
  if (g.r.chance(0.2)) out.push(g.word('GET'));
  const e = g.r.int(8);
  if (e === 0) out.push(g.word('EX'), g.ttl());
  else if (e === 1) out.push(g.word('PX'), g.ttl(true));
  else if (e === 2) out.push(g.word('EXAT'), g.at());
  else if (e === 3) out.push(g.word('PXAT'), g.at(true));
  else if (e === 4) out.push(g.word('KEEPTTL'));
  if (g.r.chance(0.05)) out.push(g.oneOf('NX', 'XX', 'EX', 'KEEPTTL', 'bogus'));
  for (let i = out.length - 1; i > 0; i--) {
    const j = g.r.int(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** GETEX / expiry options. */
function expiryOption(g: Gen, persist: boolean): string[] {
  const e = g.r.int(persist ? 6 : 5);
  if (e === 0) return [g.word('EX'), g.ttl()];
  if (e === 1) return [g.word('PX'), g.ttl(true)];
  if (e === 2) return [g.word('EXAT'), g.at()];
  if (e === 3) return [g.word('PXAT'), g.at(true)];
  if (e === 4) return [];
  return [g.word('PERSIST')];
}

/** Refuses LCS when the product of the lengths would make either server work hard. */
async function smallStrings(argv: string[], ask: (cmd: string[]) => Promise<string>): Promise<boolean> {
  const len = async (k: string) => {
    const r = await ask(['STRLEN', k]);
    return r.startsWith(':') ? Number(r.slice(1)) : 0;
  };
  return (await len(argv[1])) * (await len(argv[2])) <= 200000;
}

const STRINGS: Family = {
  name: 'strings',
  commands: [
    { name: 'GET', gen: (g) => ['GET', g.key()] },
    { name: 'SET', gen: (g) => ['SET', g.key(), g.value(), ...setOptions(g)] },
    { name: 'SETNX', gen: (g) => ['SETNX', g.key(), g.value()] },
    { name: 'SETEX', gen: (g) => ['SETEX', g.key(), g.ttl(), g.value()] },
    { name: 'PSETEX', gen: (g) => ['PSETEX', g.key(), g.ttl(true), g.value()] },
    { name: 'GETSET', gen: (g) => ['GETSET', g.key(), g.value()] },
    { name: 'GETDEL', gen: (g) => ['GETDEL', g.key()] },
    { name: 'GETEX', gen: (g) => ['GETEX', g.key(), ...expiryOption(g, true)] },
    { name: 'MGET', gen: (g) => ['MGET', ...g.keys(1, 4)] },
    { name: 'MSET', gen: (g) => ['MSET', ...g.keys(1, 3).flatMap((k) => [k, g.value()])] },
    { name: 'MSETNX', gen: (g) => ['MSETNX', ...g.keys(1, 3).flatMap((k) => [k, g.value()])] },
    { name: 'APPEND', gen: (g) => ['APPEND', g.key(), g.r.chance(0.9) ? g.r.pick(['x', 'ab', '1', '', BINARY, '23']) : LONG] },
    { name: 'STRLEN', gen: (g) => ['STRLEN', g.key()] },
    { name: 'INCR', gen: (g) => ['INCR', g.key()] },
    { name: 'DECR', gen: (g) => ['DECR', g.key()] },
    { name: 'INCRBY', gen: (g) => ['INCRBY', g.key(), g.int(-100, 100)] },
    { name: 'DECRBY', gen: (g) => ['DECRBY', g.key(), g.int(-100, 100)] },
    { name: 'INCRBYFLOAT', gen: (g) => ['INCRBYFLOAT', g.key(), g.float()] },
    { name: 'GETRANGE', gen: (g) => ['GETRANGE', g.key(), g.index(), g.index()] },
    { name: 'SUBSTR', gen: (g) => ['SUBSTR', g.key(), g.index(), g.index()] },
    {
      name: 'SETRANGE',
      // Valid offsets stay tiny; the invalid ones exceed 512 MB so no server allocates them.
      gen: (g) => ['SETRANGE', g.key(), g.r.chance(0.9) ? String(g.r.range(0, 20)) : g.r.pick(['-1', '536870912', 'abc', '9223372036854775807']), g.r.pick(['', 'x', 'hello', BINARY])],
    },
    {
      name: 'LCS',
      gen: (g) => {
        const out = ['LCS', g.key(), g.key()];
        if (g.r.chance(0.3)) out.push(g.word('LEN'));
        if (g.r.chance(0.3)) out.push(g.word('IDX'));
        if (g.r.chance(0.2)) out.push(g.word('MINMATCHLEN'), g.int(-1, 3));
        if (g.r.chance(0.2)) out.push(g.word('WITHMATCHLEN'));
        return out;
      },
      guard: smallStrings,
    },
  ],
};

/** A BITFIELD sub-operation. */
function bitfieldOp(g: Gen, readOnly: boolean): string[] {
  const type = g.r.pick(['i8', 'u8', 'i16', 'u16', 'i5', 'u1', 'u63', 'i64', 'u64', 'i65', 'x8', 'I8']);
  const offset = g.r.chance(0.85) ? (g.r.chance(0.3) ? `#${g.r.range(0, 4)}` : String(g.r.range(0, 40))) : g.r.pick(['-1', 'abc', '#-1', '4294967296']);
  if (readOnly) return [g.word('GET'), type, offset];
  const r = g.r.int(4);
  if (r === 0) return [g.word('GET'), type, offset];
  if (r === 1) return [g.word('SET'), type, offset, g.int(-200, 300)];
  if (r === 2) return [g.word('INCRBY'), type, offset, g.int(-200, 300)];
  return [g.word('OVERFLOW'), g.oneOf('WRAP', 'SAT', 'FAIL', 'bogus')];
}

const BITS: Family = {
  name: 'bits',
  commands: [
    {
      name: 'SETBIT',
      gen: (g) => ['SETBIT', g.key(), g.r.chance(0.9) ? String(g.r.range(0, 40)) : g.r.pick(['-1', '4294967296', 'abc']), g.r.pick(['0', '1', '1', '2', '-1', 'x'])],
    },
    { name: 'GETBIT', gen: (g) => ['GETBIT', g.key(), g.r.chance(0.9) ? String(g.r.range(0, 50)) : g.r.pick(['-1', '4294967295', '4294967296', 'abc'])] },
    {
      name: 'BITCOUNT',
      gen: (g) => {
        const out = ['BITCOUNT', g.key()];
        if (g.r.chance(0.6)) out.push(g.index(), g.index());
        if (g.r.chance(0.3)) out.push(g.oneOf('BYTE', 'BIT', 'bogus'));
        return out;
      },
    },
    {
      name: 'BITPOS',
      gen: (g) => {
        const out = ['BITPOS', g.key(), g.r.pick(['0', '1', '2'])];
        if (g.r.chance(0.6)) out.push(g.index());
        if (g.r.chance(0.5)) out.push(g.index());
        if (g.r.chance(0.3)) out.push(g.oneOf('BYTE', 'BIT'));
        return out;
      },
    },
    {
      name: 'BITOP',
      gen: (g) => {
        const op = g.oneOf('AND', 'OR', 'XOR', 'NOT', 'NAND');
        return ['BITOP', op, g.key(), ...g.keys(1, op.toUpperCase() === 'NOT' && g.r.chance(0.8) ? 1 : 3)];
      },
    },
    {
      name: 'BITFIELD',
      gen: (g) => {
        const out = ['BITFIELD', g.key()];
        const n = g.r.range(0, 3);
        for (let i = 0; i < n; i++) out.push(...bitfieldOp(g, false));
        return out;
      },
    },
    { name: 'BITFIELD_RO', gen: (g) => ['BITFIELD_RO', g.key(), ...bitfieldOp(g, true)] },
  ],
};

const KEYS: Family = {
  name: 'keys',
  commands: [
    { name: 'DEL', gen: (g) => ['DEL', ...g.keys(1, 3)] },
    { name: 'UNLINK', gen: (g) => ['UNLINK', ...g.keys(1, 3)] },
    { name: 'EXISTS', gen: (g) => ['EXISTS', ...g.keys(1, 4)] },
    { name: 'TYPE', gen: (g) => ['TYPE', g.key()] },
    { name: 'RENAME', gen: (g) => ['RENAME', g.key(), g.key()] },
    { name: 'RENAMENX', gen: (g) => ['RENAMENX', g.key(), g.key()] },
    {
      name: 'COPY',
      gen: (g) => {
        const out = ['COPY', g.key(), g.key()];
        if (g.r.chance(0.3)) out.push(g.word('DB'), g.r.pick(['0', '1', '16', 'x']));
        if (g.r.chance(0.4)) out.push(g.word('REPLACE'));
        return out;
      },
    },
    { name: 'MOVE', gen: (g) => ['MOVE', g.key(), g.r.pick(['1', '1', '0', '16', '-1', 'x'])] },
    // Switches the stream's database now and then (the runner follows it on its side connection).
    { name: 'SELECT', gen: (g) => ['SELECT', g.r.pick(['0', '0', '1', '16', 'x'])], noMulti: true },
    { name: 'KEYS', gen: (g) => ['KEYS', g.pattern()], mode: 'unordered', noMulti: true },
    { name: 'DBSIZE', gen: () => ['DBSIZE'] },
    { name: 'TOUCH', gen: (g) => ['TOUCH', ...g.keys(1, 3)] },
    { name: 'OBJECT', probe: ['OBJECT', 'ENCODING'], gen: (g) => ['OBJECT', g.word('ENCODING'), g.key()] },
    {
      name: 'SCAN',
      gen: (g) => {
        const out = ['SCAN', g.r.chance(0.9) ? '0' : g.r.pick(['abc', '18446744073709551616', '1.5'])];
        if (g.r.chance(0.3)) out.push(g.word('MATCH'), g.pattern());
        if (g.r.chance(0.3)) out.push(g.word('COUNT'), g.r.pick(['10', '100', '1', '0', '-1', 'x']));
        if (g.r.chance(0.3)) out.push(g.word('TYPE'), g.oneOf('string', 'list', 'hash', 'set', 'zset', 'nosuch'));
        return out;
      },
      mode: 'scan',
      noMulti: true,
    },
    { name: 'RANDOMKEY', gen: () => ['RANDOMKEY'], mode: 'shape', noMulti: true },
    {
      name: 'SORT',
      gen: (g) => {
        const out = [g.r.chance(0.8) ? 'SORT' : 'sort', g.key()];
        if (g.r.chance(0.3)) out.push(g.word('LIMIT'), g.int(-1, 3), g.int(-1, 5));
        if (g.r.chance(0.4)) out.push(g.oneOf('ASC', 'DESC'));
        if (g.r.chance(0.5)) out.push(g.word('ALPHA'));
        if (g.r.chance(0.2)) out.push(g.word('STORE'), g.key());
        return out;
      },
    },
    {
      name: 'SORT_RO',
      gen: (g) => {
        const out = ['SORT_RO', g.key()];
        if (g.r.chance(0.4)) out.push(g.oneOf('ASC', 'DESC'));
        if (g.r.chance(0.5)) out.push(g.word('ALPHA'));
        return out;
      },
    },
  ],
};

/** EXPIRE-family condition flag (7.0), sometimes two of them (an error). */
function expireFlags(g: Gen): string[] {
  if (g.r.chance(0.6)) return [];
  const out = [g.oneOf('NX', 'XX', 'GT', 'LT')];
  if (g.r.chance(0.15)) out.push(g.oneOf('NX', 'XX', 'GT', 'LT', 'bogus'));
  return out;
}

const TTL: Family = {
  name: 'ttl',
  commands: [
    { name: 'EXPIRE', gen: (g) => ['EXPIRE', g.key(), g.ttl(), ...expireFlags(g)] },
    { name: 'PEXPIRE', gen: (g) => ['PEXPIRE', g.key(), g.ttl(true), ...expireFlags(g)] },
    { name: 'EXPIREAT', gen: (g) => ['EXPIREAT', g.key(), g.at(), ...expireFlags(g)] },
    { name: 'PEXPIREAT', gen: (g) => ['PEXPIREAT', g.key(), g.at(true), ...expireFlags(g)] },
    { name: 'TTL', gen: (g) => ['TTL', g.key()], mode: { ttl: 1 }, noMulti: true },
    { name: 'PTTL', gen: (g) => ['PTTL', g.key()], mode: { ttl: 1500 }, noMulti: true },
    { name: 'EXPIRETIME', gen: (g) => ['EXPIRETIME', g.key()], mode: { ttl: 1 }, noMulti: true },
    { name: 'PEXPIRETIME', gen: (g) => ['PEXPIRETIME', g.key()], mode: { ttl: 1500 }, noMulti: true },
    { name: 'PERSIST', gen: (g) => ['PERSIST', g.key()] },
  ],
};

/**
 * The transactions family: a block of commands around MULTI, with bodies drawn from the other
 * families (`body` returns an exact-compared command, `blocking` a blocking one that is safe only
 * here), sometimes WATCH before it, sometimes a misuse (EXEC/DISCARD without MULTI, nested MULTI,
 * WATCH inside MULTI). Every block ends outside MULTI.
 */
export function transaction(g: Gen, body: () => string[] | null, blocking: () => string[] | null): string[][] {
  const out: string[][] = [];
  const roll = g.r.int(10);
  if (roll === 0) return [[g.r.pick(['EXEC', 'DISCARD', 'UNWATCH'])]];
  if (roll === 1) return [['WATCH', ...g.keys(1, 2)]];
  if (g.r.chance(0.3)) out.push(['WATCH', ...g.keys(1, 2)]);
  if (out.length && g.r.chance(0.5)) {
    const b = body();
    if (b) out.push(b); // may touch the watched key: EXEC must then answer a null array
  }
  out.push([g.word('MULTI')]);
  const n = g.r.range(0, 4);
  for (let i = 0; i < n; i++) {
    const r = g.r.int(12);
    if (r === 0) out.push([g.r.pick(['MULTI', 'WATCH'])].concat(g.r.chance(0.5) ? [g.key()] : []));
    else if (r === 1) {
      const b = blocking();
      if (b) out.push(b);
    } else {
      const b = body();
      if (b) out.push(b);
    }
  }
  out.push([g.r.chance(0.85) ? g.word('EXEC') : g.word('DISCARD')]);
  return out;
}

/** Every family the fuzz test draws from; the transactions family wraps the others (see the test). */
export const FAMILIES: Family[] = [STRINGS, BITS, KEYS, TTL, ...COLLECTION_FAMILIES];

export { Family, CommandGen, Gen, Rng } from './gen';
