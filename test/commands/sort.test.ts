/**
 * SORT and SORT_RO against real Redis 7.0: every case is a byte-compared twin. Set sources are only
 * sorted (never BY nosort without STORE), since a hashtable set's own order is Redis's dict order.
 */
import { same, same3, eachServer, expect } from '../helpers';
import { eventsOf } from '../keyspace/events';

const NUMS = ['RPUSH', 'l', '3', '10', '-1', '2.5', '0', '1e2', '-inf'];

describe('SORT: sources and orders', () => {
  same('numeric sort of a list, ASC and DESC', NUMS, ['SORT', 'l'], ['SORT', 'l', 'DESC'], ['SORT', 'l', 'ASC'], ['sort', 'l', 'desc', 'asc'], ['LRANGE', 'l', '0', '-1']);
  same('ALPHA sorts bytewise', ['RPUSH', 'l', 'b', 'B', 'a', '10', '9', '\xff', '\xc3\xa9', 'ab', ''], ['SORT', 'l', 'ALPHA'], ['SORT', 'l', 'ALPHA', 'DESC'], ['SORT_RO', 'l', 'alpha']);
  same('ALPHA compares up to a NUL byte, STORE compares every byte', ['RPUSH', 'l', 'a\x00z', 'a\x00c', 'a', 'b'], ['SORT', 'l', 'ALPHA'], ['SORT', 'l', 'ALPHA', 'STORE', 'd'], ['LRANGE', 'd', '0', '-1']);
  same('equal numbers are ordered by their bytes', ['RPUSH', 'l', '1.0', '1', '01', '1e0', '+1', '0', '-0', '0.0'], ['SORT', 'l'], ['SORT', 'l', 'DESC']);
  same('strtod syntax: spaces, hex, inf, empty', ['RPUSH', 'l', ' 5', '0x10', '0X1p-2', 'inf', '-INFINITY', '', '.5', '1.', '2.5e-308'], ['SORT', 'l'], ['SORT', 'l', 'DESC']);
  for (const bad of ['abc', '1 ', '1e', 'nan', '0x', '1e400', '1e-310', '1e-400', '\t']) {
    same(`non-numeric ${JSON.stringify(bad)} is an error`, ['RPUSH', 'l', '1', bad], ['SORT', 'l'], ['SORT', 'l', 'STORE', 'd'], ['EXISTS', 'd'], ['SORT', 'l', 'ALPHA']);
  }
  same('a NUL ends the number', ['RPUSH', 'l', '2\x00x', '1'], ['SORT', 'l']);
  same('intset and hashtable sets', ['SADD', 's', '5', '-2', '30', '4'], ['SORT', 's'], ['SORT', 's', 'DESC'], ['SORT', 's', 'ALPHA'], ['SADD', 't', 'x', 'b', 'aa', 'c'], ['SORT', 't', 'ALPHA'], ['SORT', 't', 'ALPHA', 'DESC', 'LIMIT', '1', '2'], ['SORT', 't']);
  same('a zset sorts its members, not its scores', ['ZADD', 'z', '1', '30', '2', '4', '3', '100'], ['SORT', 'z'], ['SORT', 'z', 'ALPHA'], ['SORT', 'z', 'DESC']);
  same('SORT converts a listpack zset to a skiplist', ['ZADD', 'z', '1', 'a', '2', 'b'], ['OBJECT', 'ENCODING', 'z'], ['SORT_RO', 'z', 'ALPHA'], ['OBJECT', 'ENCODING', 'z']);
  same('a missing key is an empty array', ['SORT', 'nokey'], ['SORT', 'nokey', 'ALPHA', 'LIMIT', '0', '1'], ['SORT_RO', 'nokey'], ['SORT', 'nokey', 'BY', 'nosort', 'DESC']);
  same('strings and hashes are WRONGTYPE', ['SET', 'k', 'v'], ['HSET', 'h', 'f', 'v'], ['SORT', 'k'], ['SORT', 'h'], ['SORT_RO', 'k'], ['SORT', 'k', 'STORE', 'd']);
  same3('RESP3 replies', NUMS, ['SORT', 'l', 'LIMIT', '0', '2'], ['SORT', 'l', 'GET', 'nosuch*'], ['SORT', 'l', 'STORE', 'd']);
});

describe('SORT: LIMIT', () => {
  for (const [o, n] of [['0', '3'], ['2', '3'], ['-1', '2'], ['2', '-1'], ['0', '0'], ['7', '1'], ['6', '5'], ['100', '1'], ['-5', '-5'], ['1', '9223372036854775807'], ['9223372036854775807', '1'], ['-9223372036854775808', '2']]) {
    same(`LIMIT ${o} ${n}`, NUMS, ['SORT', 'l', 'LIMIT', o, n], ['SORT', 'l', 'DESC', 'LIMIT', o, n], ['SORT', 'l', 'BY', 'nosort', 'LIMIT', o, n], ['SORT', 'l', 'BY', 'nosort', 'DESC', 'LIMIT', o, n],
      ['ZADD', 'z', '3', 'c', '1', 'a', '2', 'b', '5', 'e', '4', 'd'], ['SORT', 'z', 'BY', 'nosort', 'LIMIT', o, n], ['SORT', 'z', 'BY', 'nosort', 'DESC', 'LIMIT', o, n], ['SORT', 'z', 'ALPHA', 'LIMIT', o, n]);
  }
  same('LIMIT arguments must be integers', NUMS, ['SORT', 'l', 'LIMIT', 'x', '1'], ['SORT', 'l', 'LIMIT', '0', '1.5'], ['SORT', 'l', 'LIMIT', '0', '9223372036854775808'], ['SORT', 'l', 'LIMIT', '0']);
});

describe('SORT: BY and GET', () => {
  const DATA: string[][] = [['RPUSH', 'l', '1', '2', '3', '4'], ['MSET', 'w_1', '40', 'w_2', '10', 'w_3', '30', 'name_1', 'one', 'name_3', 'three'],
    ['HSET', 'h_1', 'f', 'b', 'n', '9'], ['HSET', 'h_2', 'f', 'a', 'n', '7'], ['HSET', 'h_4', 'f', 'c', 'n', '8'], ['SADD', 'name_4', 'x']];
  same('BY string keys; missing weights are 0', ...DATA, ['SORT', 'l', 'BY', 'w_*'], ['SORT', 'l', 'BY', 'w_*', 'DESC'], ['SORT', 'l', 'BY', 'w_*', 'LIMIT', '1', '2']);
  same('BY hash fields', ...DATA, ['SORT', 'l', 'BY', 'h_*->n'], ['SORT', 'l', 'BY', 'h_*->f', 'ALPHA'], ['SORT', 'l', 'BY', 'h_*->f', 'ALPHA', 'DESC', 'LIMIT', '0', '2'], ['SORT', 'l', 'BY', 'h_*->f', 'ALPHA', 'STORE', 'd'], ['LRANGE', 'd', '0', '-1']);
  same('BY a non-numeric value is an error', ...DATA, ['SORT', 'l', 'BY', 'h_*->f'], ['SORT', 'l', 'BY', 'name_*']);
  same('BY a pattern of the wrong type counts as missing', ...DATA, ['SORT', 'l', 'BY', 'h_*'], ['SORT', 'l', 'BY', 'w_*->f'], ['SORT', 'l', 'BY', 'name_*', 'ALPHA', 'DESC']);
  same('BY without * keeps the list order', ...DATA, ['SORT', 'l', 'BY', 'nosort'], ['SORT', 'l', 'BY', 'nosort', 'DESC'], ['SORT', 'l', 'BY', 'nosort', 'GET', 'name_*'], ['SORT', 'l', 'BY', 'x', 'BY', 'w_*'], ['SORT', 'l', 'BY', 'w_\x00*']);
  same('BY nosort on a zset keeps the score order', ['ZADD', 'z', '1', 'b', '2', 'a', '3', 'c'], ['SORT', 'z', 'BY', 'nosort'], ['SORT', 'z', 'BY', 'nosort', 'DESC'], ['SORT', 'z', 'BY', 'nosort', 'STORE', 'd'], ['LRANGE', 'd', '0', '-1']);
  same('BY nosort with STORE sorts a set ALPHA', ['SADD', 's', 'b', 'c', 'a', '10', '9'], ['SORT', 's', 'BY', 'nosort', 'STORE', 'd'], ['LRANGE', 'd', '0', '-1'], ['SORT', 's', 'BY', 'nosort', 'DESC', 'LIMIT', '1', '2', 'STORE', 'd'], ['LRANGE', 'd', '0', '-1']);
  same('GET patterns, # and missing values', ...DATA, ['SORT', 'l', 'GET', 'name_*'], ['SORT', 'l', 'GET', '#', 'GET', 'name_*', 'GET', 'h_*->f', 'GET', 'nostar'], ['SORT', 'l', 'DESC', 'GET', 'h_*->n', 'LIMIT', '1', '2'], ['SORT', 'l', 'GET', '#\x00x'], ['SORT', 'l', 'GET', 'h_*->'], ['SORT', 'l', 'GET', 'h_*->nofield']);
  same('GET with STORE stores empty strings for missing values', ...DATA, ['SORT', 'l', 'GET', 'name_*', 'GET', '#', 'STORE', 'd'], ['LRANGE', 'd', '0', '-1'], ['SORT', 'l', 'LIMIT', '0', '0', 'GET', '#', 'STORE', 'd'], ['EXISTS', 'd']);
  same('patterns substitute the first * only; -> after it names a field', ['RPUSH', 'l', 'a'], ['SET', 'k_a_*', 'v'], ['HSET', 'x-a', 'f->g', 'hv'], ['SORT', 'l', 'GET', 'k_*_*'], ['SORT', 'l', 'GET', 'x-*->f->g'], ['SORT', 'l', 'BY', 'x-*->f->g', 'ALPHA', 'GET', '#']);
});

describe('SORT: STORE and errors', () => {
  same('STORE replaces the destination with a list and drops its TTL', NUMS, ['SET', 'd', 'x', 'EX', '100'], ['SORT', 'l', 'STORE', 'd'], ['TYPE', 'd'], ['TTL', 'd'], ['LRANGE', 'd', '0', '-1'], ['OBJECT', 'ENCODING', 'd']);
  same('STORE of an empty result deletes the destination', ['SET', 'd', 'x'], ['SORT', 'nokey', 'STORE', 'd'], ['EXISTS', 'd'], NUMS, ['SET', 'd', 'x'], ['SORT', 'l', 'LIMIT', '10', '1', 'STORE', 'd'], ['EXISTS', 'd']);
  same('STORE onto the source', NUMS, ['SORT', 'l', 'DESC', 'STORE', 'l'], ['LRANGE', 'l', '0', '-1']);
  same('the last STORE wins', NUMS, ['SORT', 'l', 'STORE', 'a', 'STORE', 'b'], ['EXISTS', 'a', 'b']);
  same('SORT_RO has no STORE', NUMS, ['SORT_RO', 'l', 'STORE', 'd'], ['SORT_RO', 'l', 'DESC', 'LIMIT', '0', '2', 'GET', '#']);
  same('syntax errors', NUMS, ['SORT', 'l', 'foo'], ['SORT', 'l', 'BY'], ['SORT', 'l', 'GET'], ['SORT', 'l', 'STORE'], ['SORT', 'l', 'LIMIT', '1'], ['SORT', 'nokey', 'bar'], ['SET', 'k', 'v'], ['SORT', 'k', 'foo'], ['SORT']);
  same('COMMAND GETKEYS', ['COMMAND', 'GETKEYS', 'SORT', 'a'], ['COMMAND', 'GETKEYS', 'SORT', 'a', 'LIMIT', '0', '1', 'GET', 'store', 'STORE', 'b', 'store', 'c'], ['COMMAND', 'GETKEYS', 'SORT_RO', 'a', 'BY', 'x']); // COMMAND INFO differs: Respite synthesizes one key spec per entry (see report).
  eachServer('STORE notifies sortstore, or del for an empty result', async (c, open) => {
    await c.call('RPUSH', 'l', '2', '1');
    await c.call('SET', 'gone', 'x');
    const ev = await eventsOf(c, open, ['SORT', 'l', 'STORE', 'd'], ['SORT', 'l', 'STORE', 'd'], ['SORT', 'nokey', 'STORE', 'gone'], ['SORT', 'nokey', 'STORE', 'gone']);
    expect(ev).to.deep.equal(['__keyevent@0__:sortstore d', '__keyevent@0__:sortstore d', '__keyevent@0__:del gone']);
  });
});
