/**
 * client-output-buffer-limit for pub/sub clients: a subscriber that stops reading is disconnected
 * at the hard limit at once, or after staying over the soft limit for longer than its seconds, with
 * Redis's log line; limits set with CONFIG SET apply to live subscribers; 0 disables them; and the
 * server's memory stays bounded while a publisher floods a subscriber that never reads.
 */
import { expect, eachServer, Conn } from '../helpers';
import { encodeCommand } from '../client';
import { setConfig, getConfig, eventually, sleep, resp3, serverSide } from './util';

const LIMIT = 'client-output-buffer-limit';

/** Runs fn with the pubsub class limits set to `value`, restoring the previous setting after. */
async function withLimits(c: Conn, value: string, fn: () => Promise<void>): Promise<void> {
  const old = await getConfig(c, LIMIT);
  await setConfig(c, LIMIT, value);
  try {
    await fn();
  } finally {
    await setConfig(c, LIMIT, old);
  }
}

/** A subscriber to `channel` whose socket no longer reads. */
async function pausedSubscriber(open: () => Promise<Conn>, channel: string, protocol: 2 | 3 = 2): Promise<Conn> {
  const s = await open();
  if (protocol === 3) await resp3(s);
  s.send('SUBSCRIBE', channel);
  await s.frame();
  s.socket.pause();
  return s;
}

/**
 * Publishes `msgSize`-byte messages in pipelined batches (waiting for each batch's replies) until
 * `maxBytes` were sent or a PUBLISH reaches nobody. Returns the bytes sent and whether it stopped
 * because the subscriber was gone.
 */
async function flood(pub: Conn, channel: string, msgSize: number, maxBytes: number, batch = 100): Promise<{ sent: number; gone: boolean }> {
  const one = encodeCommand(['PUBLISH', channel, 'x'.repeat(msgSize)]);
  const chunk = Buffer.concat(Array(batch).fill(one));
  let sent = 0;
  while (sent < maxBytes) {
    pub.write(chunk);
    sent += chunk.length;
    let gone = false;
    for (let i = 0; i < batch; i++) if ((await pub.frame(10000)).value === 0) gone = true;
    if (gone) return { sent, gone };
  }
  return { sent, gone: false };
}

async function numsub(c: Conn, channel: string): Promise<number> {
  const r = (await c.call('PUBSUB', 'NUMSUB', channel)) as [string, number];
  return r[1];
}

/** Captures Respite's log lines while fn runs. */
async function captureLog(c: Conn, fn: () => Promise<void>): Promise<string[]> {
  const server = c.target.respite!.server;
  const lines: string[] = [];
  const old = server.logSink;
  server.logSink = (line) => lines.push(line);
  try {
    await fn();
  } finally {
    server.logSink = old;
  }
  return lines;
}

describe('pubsub: output buffer limits', function () {
  this.timeout(30000);

  for (const protocol of [2, 3] as const) {
    eachServer(`a RESP${protocol} subscriber that stops reading is disconnected at the hard limit`, async (c, open) => {
      const s = await pausedSubscriber(open, 'hard', protocol);
      await withLimits(c, 'pubsub 1mb 0 0', async () => {
        const r = await flood(c, 'hard', 10000, 100e6);
        expect(r.gone, `still subscribed after ${r.sent} bytes`).to.equal(true);
        expect(await numsub(c, 'hard')).to.equal(0);
      });
      s.close();
    });
  }

  eachServer('the soft limit disconnects a subscriber that stays over it for longer than its seconds', async (c, open) => {
    const s = await pausedSubscriber(open, 'soft');
    await withLimits(c, 'pubsub 0 1mb 1', async () => {
      const r = await flood(c, 'soft', 10000, 20e6);
      // Over the soft limit, but not yet for more than a second: still there.
      expect(r.gone).to.equal(false);
      expect(await numsub(c, 'soft')).to.equal(1);
      // No further message is needed: the periodic check drops it once the seconds have passed.
      await eventually(async () => (await numsub(c, 'soft')) === 0, 5000, 'soft-limit disconnect');
    });
    s.close();
  });

  eachServer('limits of 0 never disconnect a slow subscriber', async (c, open) => {
    const s = await pausedSubscriber(open, 'free');
    await withLimits(c, 'pubsub 0 0 0', async () => {
      const r = await flood(c, 'free', 10000, 20e6);
      expect(r.gone).to.equal(false);
      expect(await numsub(c, 'free')).to.equal(1);
    });
    s.close();
  });

  eachServer('the hard-limit disconnect logs the client line as Redis does', async (c, open) => {
    if (!c.target.respite) return;
    const s = await pausedSubscriber(open, 'logged');
    const lines = await captureLog(c, () =>
      withLimits(c, 'pubsub 1mb 0 0', async () => {
        expect((await flood(c, 'logged', 10000, 100e6)).gone).to.equal(true);
      }),
    );
    const line = lines.find((l) => l.includes('output buffer limits'));
    expect(line, lines.join('\n')).to.match(
      /^\d+:M \d\d \w{3} \d{4} \d\d:\d\d:\d\d\.\d{3} # Client id=\d+ addr=127\.0\.0\.1:\d+ laddr=127\.0\.0\.1:\d+ .*flags=P db=0 sub=1 psub=0 ssub=0 .*omem=\d+ .* cmd=subscribe .* scheduled to be closed ASAP for overcoming of output buffer limits\.$/,
    );
    s.close();
  });

  eachServer('the soft limit is measured on the server clock, in whole seconds as Redis', async (c, open) => {
    if (!c.target.respite) return;
    const clock = c.target.respite.clock;
    const s = await pausedSubscriber(open, 'clocked');
    clock.freeze();
    try {
      const lines = await captureLog(c, () =>
        withLimits(c, 'pubsub 0 256kb 2', async () => {
          expect((await flood(c, 'clocked', 10000, 20e6)).gone).to.equal(false);
          clock.advance(2000);
          await sleep(150);
          expect(await numsub(c, 'clocked'), 'after 2 s').to.equal(1);
          clock.advance(1000);
          expect(await numsub(c, 'clocked'), 'after 3 s').to.equal(0);
        }),
      );
      expect(lines.some((l) => /# Client id=\d+ .* closed for overcoming of output buffer limits\.$/.test(l)), lines.join('\n')).to.equal(true);
    } finally {
      clock.resume();
      s.close();
    }
  });

  eachServer('a subscriber that drains below the soft limit starts its seconds again', async (c, open) => {
    if (!c.target.respite) return;
    const clock = c.target.respite.clock;
    const s = await pausedSubscriber(open, 'drain');
    const server = serverSide(s);
    clock.freeze();
    try {
      await withLimits(c, 'pubsub 0 256kb 2', async () => {
        expect((await flood(c, 'drain', 10000, 10e6)).gone).to.equal(false);
        expect(server.softLimitSince).to.not.equal(0);
        s.socket.resume();
        await eventually(async () => server.outputPending === 0, 10000, 'subscriber drained');
        await sleep(250); // a cron tick sees it under the limit
        expect(server.softLimitSince).to.equal(0);
        clock.advance(10000);
        expect(await numsub(c, 'drain')).to.equal(1);
      });
    } finally {
      clock.resume();
      s.close();
    }
  });

  eachServer('RSS stays bounded while a publisher floods 200 MB at a subscriber that never reads', async (c, open) => {
    if (!c.target.respite) return;
    expect(await getConfig(c, LIMIT)).to.match(/pubsub 33554432 8388608 60$/);
    const s = await pausedSubscriber(open, 'rss');
    const before = process.memoryUsage.rss();
    let peak = before;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
    const started = Date.now();
    let total = 0;
    let disconnected = false;
    try {
      // Keep publishing after the disconnect: the 200 MB must all be sent, and none of it may pile up.
      while (total < 200e6) {
        const r = await flood(c, 'rss', 10000, Math.min(20e6, 200e6 - total));
        total += r.sent;
        if (r.gone) disconnected = true;
      }
    } finally {
      clearInterval(timer);
      s.close();
    }
    const growth = (peak - before) / 1e6;
    if (process.env.PUBSUB_VERBOSE) console.log(`      RSS growth ${growth.toFixed(0)} MB, ${total / 1e6} MB sent in ${Date.now() - started} ms`);
    expect(disconnected, 'subscriber disconnected').to.equal(true);
    expect(Date.now() - started, 'flood time (ms)').to.be.below(20000);
    // The hard limit is 32 MB of queued output; allow for the kernel socket buffers, the request
    // strings of the in-flight batch and GC lag, but nothing proportional to the 200 MB sent.
    expect(growth, `RSS growth ${growth.toFixed(0)} MB`).to.be.below(150);
  });
});

describe('pubsub: output buffer limits on command replies', function () {
  this.timeout(30000);

  eachServer('a RESP3 subscriber that stops reading its own replies is held to the pubsub limit', async (c, open) => {
    const s = await open();
    await resp3(s);
    s.send('SUBSCRIBE', 'own');
    await s.frame();
    await c.call('SET', 'big', 'x'.repeat(1e6));
    await withLimits(c, 'pubsub 4mb 0 0', async () => {
      s.socket.pause();
      // 40 MB of GET replies that the subscriber never reads: over the 4 MB hard limit.
      const req = encodeCommand(['GET', 'big']);
      for (let i = 0; i < 40; i++) s.write(req);
      await eventually(async () => (await numsub(c, 'own')) === 0, 10000, 'subscriber dropped');
    });
    s.close();
  });
});
