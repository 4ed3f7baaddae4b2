/**
 * redis-benchmark's whole default suite against Respite (`redis-benchmark -q -n 100000`, with and
 * without -P 16, and with a -r 100000 keyspace): every test prints a result, none reports an error,
 * and the run exits 0. Speed itself is measured by benchmarks/, not here.
 */
import { expect } from 'chai';
import { spawn, spawnSync } from 'child_process';
import { respiteServer } from '../servers';

const haveBenchmark = spawnSync('redis-benchmark', ['--version']).status === 0;

/** The tests of redis-benchmark 7.0's default suite, in its order. */
const DEFAULT_SUITE = [
  'PING_INLINE', 'PING_MBULK', 'SET', 'GET', 'INCR', 'LPUSH', 'RPUSH', 'LPOP', 'RPOP', 'SADD', 'HSET', 'SPOP',
  'ZADD', 'ZPOPMIN', 'LPUSH (needed to benchmark LRANGE)', 'LRANGE_100 (first 100 elements)',
  'LRANGE_300 (first 300 elements)', 'LRANGE_500 (first 500 elements)', 'LRANGE_600 (first 600 elements)', 'MSET (10 keys)',
];

function bench(port: number, args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn('redis-benchmark', ['-h', '127.0.0.1', '-p', String(port), '-q', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => p.kill('SIGKILL'), 170000);
    p.on('error', reject);
    p.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

/** The final result line of each test (redis-benchmark redraws progress with \r). */
function results(out: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of out.split(/[\r\n]+/)) {
    const match = /^(.+?): ([0-9.]+ requests per second.*)$/.exec(line.trim());
    if (match && !match[1].includes('rps=')) m.set(match[1], match[2]);
  }
  return m;
}

describe('redis-benchmark default suite against Respite', function () {
  this.timeout(180000);
  before(function () {
    if (!haveBenchmark) this.skip();
  });

  for (const args of [['-n', '100000'], ['-n', '100000', '-P', '16'], ['-n', '100000', '-P', '16', '-r', '100000']]) {
    it(`every test prints a result and none fails (${args.join(' ')})`, async () => {
      const r = await bench(respiteServer().port, args);
      expect(r.out).to.not.match(/ERR|error|WRONGTYPE/i);
      expect(r.code).to.equal(0);
      const got = results(r.out);
      expect([...got.keys()]).to.deep.equal(DEFAULT_SUITE);
      for (const [name, line] of got) expect(Number(line.split(' ')[0]), name).to.be.greaterThan(0);
    });
  }
});
