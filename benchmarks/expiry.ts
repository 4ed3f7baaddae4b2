/**
 * `npm run bench:expiry`: how far active expiry trails deadlines, in a process of its own. Loads
 * 1,000,000 keys whose deadlines are spread evenly over 3 s (straight into the keyspace, to keep the
 * load short), then samples every millisecond how late the oldest live key is, with nobody reading.
 * Keys go in deadline order, so the oldest live key is number N - DBSIZE.
 *
 *   node dist/benchmarks/expiry.js [--keys N] [--spread MS]
 */
import * as os from 'os';
import { startServer } from '../src/index';
import { flag } from './common';

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const N = Number(flag(argv, '--keys') ?? 1_000_000);
  const SPREAD = Number(flag(argv, '--spread') ?? 3000);
  const r = await startServer({ port: 0 });
  const db = r.server.dbs[0];
  for (let i = 0; i < N; i++) db.map.set(`spread:${i}`, 'v');
  const base = r.clock.now() + 3000; // lead time for the filing loop below
  for (let i = 0; i < N; i++) db.setExpire(`spread:${i}`, base + Math.floor((i * SPREAD) / N));
  let worst = 0;
  const probe = setInterval(() => {
    const oldest = N - db.map.size;
    if (oldest >= N) return;
    worst = Math.max(worst, r.clock.now() - (base + Math.floor((oldest * SPREAD) / N)));
  }, 1);
  const deadline = Date.now() + 60000;
  while (db.map.size !== 0 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 5));
  clearInterval(probe);
  const left = db.map.size;
  await r.stop();
  console.log(`${N.toLocaleString('en-US')} keys, deadlines spread over ${SPREAD} ms: active expiry trailed them by at most ${worst} ms${left ? ` (${left} keys left after 60 s)` : ''}`);
  console.log(`node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg().map((x) => x.toFixed(2)).join(' ')}`);
  process.exit(0);
}

void main();
