/**
 * `npm run bench`: redis-benchmark against Respite and real Redis side by side. For each test the two
 * servers take turns (Respite, Redis, Respite, Redis…) so drift in machine load hits both alike, and
 * the median of the rounds is reported, at -P 1 and -P 16 with 50 clients.
 *
 *   node dist/benchmarks/throughput.js [--quick] [--tests set,get] [--rounds N] [--pipelines 1,16]
 *                                      [--requests N] [--budget SECONDS]
 */
import * as os from 'os';
import {
  Bench, command, flag, fmt, geomean, requireRedis, median, pipeline, redisBenchmark, startRedis, startRespite, stop, supports, table, load,
} from './common';

/** One benchmark: how redis-benchmark is told to run it, what must exist, and its share of -n. */
interface TestSpec {
  name: string;
  /** redis-benchmark arguments selecting the test. */
  args: string[];
  /** A command that proves the server implements what the test uses (tried once before measuring). */
  probe: string[][];
  /** Fraction of the request count (LRANGE_600 moves 600 elements per request). */
  scale: number;
  /** Prefill before each run so pops pop something (redis-benchmark's own suite pushes first). */
  prefill?: 'list';
}

const TESTS: TestSpec[] = [
  { name: 'ping_inline', args: ['-t', 'ping_inline'], probe: [['PING']], scale: 1 },
  { name: 'ping_mbulk', args: ['-t', 'ping_mbulk'], probe: [['PING']], scale: 1 },
  { name: 'set', args: ['-t', 'set'], probe: [['SET', 'probe', 'x']], scale: 1 },
  { name: 'get', args: ['-t', 'get'], probe: [['GET', 'probe']], scale: 1 },
  { name: 'incr', args: ['-t', 'incr'], probe: [['INCR', 'probe:n']], scale: 1 },
  { name: 'mset', args: ['-t', 'mset'], probe: [['MSET', 'probe', 'x']], scale: 0.5 },
  { name: 'sadd', args: ['-t', 'sadd'], probe: [['SADD', 'probe:s', 'x']], scale: 1 },
  { name: 'hset', args: ['-t', 'hset'], probe: [['HSET', 'probe:h', 'f', 'v']], scale: 1 },
  { name: 'spop', args: ['-t', 'spop'], probe: [['SPOP', 'probe:s']], scale: 1 },
  { name: 'lpush', args: ['-t', 'lpush'], probe: [['LPUSH', 'probe:l', 'x']], scale: 1 },
  { name: 'rpush', args: ['-t', 'rpush'], probe: [['RPUSH', 'probe:l', 'x']], scale: 1 },
  { name: 'lpop', args: ['-t', 'lpop'], probe: [['LPOP', 'probe:l'], ['RPUSH', 'probe:l', 'x']], scale: 1, prefill: 'list' },
  { name: 'rpop', args: ['-t', 'rpop'], probe: [['RPOP', 'probe:l'], ['RPUSH', 'probe:l', 'x']], scale: 1, prefill: 'list' },
  { name: 'lrange_100', args: ['-t', 'lrange_100'], probe: [['LPUSH', 'probe:l', 'x'], ['LRANGE', 'probe:l', '0', '1']], scale: 0.25 },
  { name: 'lrange_300', args: ['-t', 'lrange_300'], probe: [['LPUSH', 'probe:l', 'x'], ['LRANGE', 'probe:l', '0', '1']], scale: 0.15 },
  { name: 'lrange_500', args: ['-t', 'lrange_500'], probe: [['LPUSH', 'probe:l', 'x'], ['LRANGE', 'probe:l', '0', '1']], scale: 0.1 },
  { name: 'lrange_600', args: ['-t', 'lrange_600'], probe: [['LPUSH', 'probe:l', 'x'], ['LRANGE', 'probe:l', '0', '1']], scale: 0.08 },
  { name: 'zadd', args: ['-t', 'zadd'], probe: [['ZADD', 'probe:z', '1', 'x']], scale: 1 },
  { name: 'zpopmin', args: ['-t', 'zpopmin'], probe: [['ZPOPMIN', 'probe:z']], scale: 1 },
  { name: 'publish', args: ['publish', 'ch', 'msg'], probe: [['PUBLISH', 'ch', 'msg']], scale: 1 },
];

interface Options {
  tests: TestSpec[];
  rounds: number;
  pipelines: number[];
  /** Requests per run at -P 1; -P 16 runs use 5x as many (they are that much faster). */
  requests: number;
  /** Wall-clock budget in seconds: rounds stop early (and say so) when it runs out. */
  budget: number;
}

function options(argv: string[]): Options {
  const quick = argv.includes('--quick');
  const names = flag(argv, '--tests');
  let tests = TESTS;
  if (names !== undefined) {
    const want = names.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
    const unknown = want.filter((w) => !TESTS.some((t) => t.name === w));
    if (unknown.length) throw new Error(`unknown test(s): ${unknown.join(', ')}; known: ${TESTS.map((t) => t.name).join(', ')}`);
    tests = TESTS.filter((t) => want.includes(t.name));
  }
  return {
    tests,
    rounds: Number(flag(argv, '--rounds') ?? (quick ? 3 : 5)),
    pipelines: (flag(argv, '--pipelines') ?? '1,16').split(',').map(Number),
    requests: Number(flag(argv, '--requests') ?? (quick ? 20000 : 50000)),
    budget: Number(flag(argv, '--budget') ?? (quick ? 300 : 1500)),
  };
}

/** Empties the server and, for pop tests, fills `mylist` (the key redis-benchmark uses) with n items. */
async function prepare(b: Bench, spec: TestSpec, n: number): Promise<void> {
  const r = await command(b.port, ['FLUSHALL']);
  if (!r.startsWith('+OK')) throw new Error(`${b.name}: FLUSHALL answered ${r.trim()}`);
  if (spec.prefill === 'list') {
    const batch = 1000;
    const items: string[] = new Array<string>(batch).fill('xxx');
    await pipeline(b.port, Math.ceil(n / batch), () => ['RPUSH', 'mylist', ...items], 64, 60000);
  }
}

/** One redis-benchmark run of one test; returns its requests per second. */
async function runOnce(b: Bench, spec: TestSpec, p: number, n: number): Promise<number> {
  await prepare(b, spec, n);
  const rows = await redisBenchmark(b.port, ['-c', '50', '-P', String(p), '-n', String(n), ...spec.args], 120000);
  if (rows.length === 0) throw new Error(`${b.name}: redis-benchmark printed no result for ${spec.name}`);
  return rows[rows.length - 1].rps;
}

async function main(): Promise<void> {
  const opt = options(process.argv.slice(2));
  requireRedis();
  const started = Date.now();
  const deadline = started + opt.budget * 1000;
  const respite = await startRespite();
  const redis = await startRedis();
  console.log(`Respite pid ${respite.pid} port ${respite.port}; Redis pid ${redis.pid} port ${redis.port}`);
  console.log(`redis-benchmark -c 50, ${opt.rounds} interleaved rounds per test, medians; -n ${opt.requests} at -P 1, ${opt.requests * 5} at -P 16 (scaled per test)\n`);

  // Tests whose commands Respite does not have yet are reported, not measured.
  const skipped: string[] = [];
  const tests: TestSpec[] = [];
  for (const t of opt.tests) {
    let ok = true;
    for (const p of t.probe) if (!(await supports(respite.port, p))) ok = false;
    if (ok) tests.push(t);
    else skipped.push(t.name);
  }
  await command(respite.port, ['FLUSHALL']);

  const sections: string[] = [];
  let truncated = false;
  try {
    for (const p of opt.pipelines) {
      const rows: string[][] = [];
      const ratios: number[] = [];
      for (const t of tests) {
        const n = Math.max(1000, Math.round(opt.requests * (p > 1 ? 5 : 1) * t.scale));
        const a: number[] = [];
        const b: number[] = [];
        try {
          // Warm-up (not counted): Respite's JIT and both servers' allocators settle first.
          await runOnce(respite, t, p, Math.max(1000, n >> 3));
          await runOnce(redis, t, p, Math.max(1000, n >> 3));
          for (let r = 0; r < opt.rounds; r++) {
            if (r > 0 && Date.now() > deadline) {
              truncated = true;
              break;
            }
            a.push(await runOnce(respite, t, p, n));
            b.push(await runOnce(redis, t, p, n));
          }
        } catch (e) {
          // One failing test (a crash, a timeout) is reported in its row; the others still run.
          rows.push([t.name, 'error', '', '']);
          process.stderr.write(`  -P ${p} ${t.name}: ${(e as Error).message}\n`);
          if (respite.proc.exitCode !== null || respite.proc.signalCode !== null) throw new Error('Respite exited; stopping');
          continue;
        }
        const ra = median(a);
        const rb = median(b);
        ratios.push(ra / rb);
        rows.push([t.name, fmt(ra), fmt(rb), (ra / rb).toFixed(2)]);
        process.stderr.write(`  -P ${p} ${t.name}: respite ${fmt(ra)} redis ${fmt(rb)} (${a.length} rounds)\n`);
      }
      rows.push(['geomean', '', '', geomean(ratios).toFixed(2)]);
      sections.push(`-P ${p} (-c 50)\n` + table(['test', 'Respite rps', 'Redis rps', 'Respite/Redis'], rows));
    }
  } finally {
    await stop(respite);
    await stop(redis);
  }
  console.log(sections.join('\n\n'));
  if (skipped.length) console.log(`\nnot measured (not implemented in Respite yet): ${skipped.join(', ')}`);
  if (truncated) console.log(`\nnote: the ${opt.budget} s budget ran out, some tests have fewer rounds`);
  console.log(`\n${Math.round((Date.now() - started) / 1000)} s, node ${process.version}, ${os.cpus().length} cores, load average ${load()}`);
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
