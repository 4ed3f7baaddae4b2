/**
 * Pub/sub fan-out: one publisher, 100 subscribers (raw sockets, SUBSCRIBE), messages delivered per
 * second for Respite and real Redis side by side, in interleaved rounds (median reported). Every run
 * is bounded in message count and in time.
 *
 *   node dist/benchmarks/fanout.js [--subscribers 100] [--messages 50000] [--rounds 5] [--quick]
 */
import * as net from 'net';
import * as os from 'os';
import { Bench, flag, fmt, requireRedis, median, pipeline, startRedis, startRespite, stop, supports, table, load } from './common';

const CHANNEL = 'fanout';
/** Fixed-size payloads make every message frame the same length, so subscribers only count bytes. */
const PAYLOAD = 'm'.repeat(32);
const MESSAGE_FRAME = `*3\r\n$7\r\nmessage\r\n$${CHANNEL.length}\r\n${CHANNEL}\r\n$${PAYLOAD.length}\r\n${PAYLOAD}\r\n`.length;
const SUBSCRIBED_FRAME = `*3\r\n$9\r\nsubscribe\r\n$${CHANNEL.length}\r\n${CHANNEL}\r\n:1\r\n`.length;

/** A subscriber that counts delivered bytes and resolves when `expect` bytes have arrived. */
class Subscriber {
  received = 0;
  private target = 0;
  private onTarget: (() => void) | null = null;
  constructor(readonly socket: net.Socket) {
    socket.on('data', (d: Buffer) => {
      this.received += d.length;
      if (this.onTarget !== null && this.received >= this.target) {
        const f = this.onTarget;
        this.onTarget = null;
        f();
      }
    });
    socket.on('error', () => undefined);
  }

  /** Resolves once the byte count reaches `bytes`. */
  until(bytes: number): Promise<void> {
    if (this.received >= bytes) return Promise.resolve();
    this.target = bytes;
    return new Promise((r) => (this.onTarget = r));
  }
}

function connectSubscriber(port: number): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ port, host: '127.0.0.1' }, () => {
      const sub = new Subscriber(s);
      s.write(`*2\r\n$9\r\nsubscribe\r\n$${CHANNEL.length}\r\n${CHANNEL}\r\n`);
      sub.until(SUBSCRIBED_FRAME).then(() => resolve(sub), reject);
    });
    s.once('error', reject);
  });
}

/** One run: subscribe n clients, publish m messages, time until every subscriber has all of them. */
async function runOnce(b: Bench, subscribers: number, messages: number, timeoutMs: number): Promise<number> {
  const subs: Subscriber[] = [];
  try {
    for (let i = 0; i < subscribers; i++) subs.push(await connectSubscriber(b.port));
    const want = SUBSCRIBED_FRAME + messages * MESSAGE_FRAME;
    const t0 = process.hrtime.bigint();
    const all = Promise.all(subs.map((s) => s.until(want)));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${b.name}: fan-out not complete within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      await Promise.race([Promise.all([pipeline(b.port, messages, () => ['PUBLISH', CHANNEL, PAYLOAD], 256, timeoutMs), all]), timeout]);
    } finally {
      clearTimeout(timer);
    }
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    return (messages * subscribers) / secs;
  } finally {
    for (const s of subs) s.socket.destroy();
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  requireRedis();
  const quick = argv.includes('--quick');
  const subscribers = Number(flag(argv, '--subscribers') ?? 100);
  const messages = Number(flag(argv, '--messages') ?? (quick ? 5000 : 50000));
  const rounds = Number(flag(argv, '--rounds') ?? (quick ? 2 : 5));
  const started = Date.now();
  const respite = await startRespite();
  const redis = await startRedis();
  try {
    if (!(await supports(respite.port, ['PUBLISH', CHANNEL, 'x']))) {
      console.log('PUBLISH is not implemented in Respite yet: nothing to measure');
      return;
    }
    // Warm-up, not counted.
    await runOnce(respite, subscribers, Math.max(500, messages >> 3), 60000);
    await runOnce(redis, subscribers, Math.max(500, messages >> 3), 60000);
    const a: number[] = [];
    const b: number[] = [];
    for (let r = 0; r < rounds; r++) {
      a.push(await runOnce(respite, subscribers, messages, 120000));
      b.push(await runOnce(redis, subscribers, messages, 120000));
      process.stderr.write(`  round ${r + 1}: respite ${fmt(a[r])}/s redis ${fmt(b[r])}/s\n`);
    }
    const ra = median(a);
    const rb = median(b);
    console.log(`1 publisher, ${subscribers} subscribers, ${fmt(messages)} messages of ${PAYLOAD.length} bytes, median of ${rounds} interleaved rounds\n`);
    console.log(table(['', 'Respite', 'Redis', 'Respite/Redis'], [['deliveries/s', fmt(ra), fmt(rb), (ra / rb).toFixed(2)]]));
    console.log(`\n${Math.round((Date.now() - started) / 1000)} s, node ${process.version}, ${os.cpus().length} cores, load average ${load()}`);
  } finally {
    await stop(respite);
    await stop(redis);
  }
}

main().catch((e) => {
  console.error((e as Error).message);
  process.exit(1);
});
