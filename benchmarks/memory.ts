/**
 * `npm run bench:memory`: resident memory per key, Respite vs real Redis. Each measurement uses a
 * fresh server process: RSS (VmRSS from /proc/<pid>/status, the same probe for both) is read once
 * the empty server has settled, the data is loaded pipelined over one socket, and the growth is
 * divided by the number of keys.
 *
 *   node dist/benchmarks/memory.js [--strings N] [--hashes N] [--runs 3] [--quick]
 */
import * as os from 'os';
import { Bench, command, flag, fmt, requireRedis, median, pipeline, rssBytes, sleep, startRedis, startRespite, stop, supports, table, load } from './common';

/** One data set to load. */
interface Load {
  label: string;
  count: number;
  make: (i: number) => string[];
  /** Target ratio Respite/Redis. */
  target: number;
}

const HASH_FIELDS: string[] = [];
for (let f = 0; f < 10; f++) HASH_FIELDS.push(`f${f}`, `v${f}`);

/** RSS once it stops moving (allocator and GC settle), sampled a few times; the lowest sample wins. */
async function settledRss(b: Bench): Promise<number> {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    await sleep(300);
    best = Math.min(best, rssBytes(b.pid));
  }
  return best;
}

/** INFO's used_memory (what the server says it holds: allocator bytes for Redis, V8 heap in use for Respite). */
async function usedMemory(b: Bench): Promise<number> {
  const info = await command(b.port, ['INFO', 'memory']);
  const m = /used_memory:(\d+)/.exec(info);
  return m ? Number(m[1]) : NaN;
}

/** Loads one data set into a fresh server; returns [RSS growth, used_memory growth] per key in bytes. */
async function measure(start: () => Promise<Bench>, load: Load): Promise<[number, number]> {
  const b = await start();
  try {
    const base = await settledRss(b);
    const used0 = await usedMemory(b);
    await pipeline(b.port, load.count, load.make, 5000, 600000);
    const size = await command(b.port, ['DBSIZE']);
    if (size.trim() !== `:${load.count}`) throw new Error(`${b.name}: DBSIZE answered ${size.trim()}, expected ${load.count}`);
    const after = await settledRss(b);
    const used1 = await usedMemory(b);
    return [(after - base) / load.count, (used1 - used0) / load.count];
  } finally {
    await stop(b);
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  requireRedis();
  const quick = argv.includes('--quick');
  const strings = Number(flag(argv, '--strings') ?? (quick ? 200000 : 1000000));
  const hashes = Number(flag(argv, '--hashes') ?? (quick ? 20000 : 100000));
  const runs = Number(flag(argv, '--runs') ?? (quick ? 1 : 3));
  const loads: Load[] = [
    { label: `${fmt(strings)} x SET key:N valueN`, count: strings, make: (i) => ['SET', `key:${i}`, `value${i}`], target: 1.3 },
    { label: `${fmt(hashes)} x HSET h:N f0 v0 .. f9 v9`, count: hashes, make: (i) => ['HSET', `h:${i}`, ...HASH_FIELDS], target: 2 },
  ];
  const started = Date.now();
  const rows: string[][] = [];
  const used: string[][] = [];
  for (const load of loads) {
    // A data set whose command Respite does not have yet is reported, not measured.
    const probe = await startRespite();
    const known = await supports(probe.port, load.make(0));
    await stop(probe);
    if (!known) {
      rows.push([load.label, 'n/a', '', '', `<= ${load.target}`]);
      continue;
    }
    // RSS after a load varies from process to process (GC timing): take the median of fresh runs.
    const rs: Array<[number, number]> = [];
    const ds: Array<[number, number]> = [];
    for (let i = 0; i < runs; i++) {
      rs.push(await measure(() => startRespite(), load));
      ds.push(await measure(() => startRedis(), load));
    }
    const r = median(rs.map((x) => x[0]));
    const ru = median(rs.map((x) => x[1]));
    const d = median(ds.map((x) => x[0]));
    const du = median(ds.map((x) => x[1]));
    rows.push([load.label, r.toFixed(1), d.toFixed(1), (r / d).toFixed(2), `<= ${load.target}`]);
    used.push([load.label, ru.toFixed(1), du.toFixed(1), (ru / du).toFixed(2)]);
    process.stderr.write(`  ${load.label}: respite ${r.toFixed(1)} B/key, redis ${d.toFixed(1)} B/key\n`);
  }
  console.log(`RSS growth per key (VmRSS after load - VmRSS of the fresh server), fresh process per measurement, median of ${runs}\n`);
  console.log(table(['data set', 'Respite B/key', 'Redis B/key', 'Respite/Redis', 'target'], rows));
  if (used.length) {
    console.log('\nFor reference, INFO used_memory growth per key (Redis: allocator bytes; Respite: V8 heap in use, garbage included)\n');
    console.log(table(['data set', 'Respite B/key', 'Redis B/key', 'Respite/Redis'], used));
  }
  console.log(`\n${Math.round((Date.now() - started) / 1000)} s, node ${process.version}, ${os.cpus().length} cores, load average ${load()}`);
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
