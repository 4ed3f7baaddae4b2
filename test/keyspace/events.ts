/** Collects keyspace notifications around a scenario, for twin tests of event names and order. */
import type { Conn } from '../helpers';
import { setConfig, getConfig, until } from '../pubsub/util';

/**
 * Enables keyspace events with `flags`, runs `fn`, and returns every event published meanwhile as
 * "channel payload" lines, in order. notify-keyspace-events is restored afterwards.
 */
export async function events(c: Conn, open: () => Promise<Conn>, flags: string, fn: () => Promise<void>): Promise<string[]> {
  const sub = await open();
  const before = await getConfig(c, 'notify-keyspace-events');
  try {
    sub.send('PSUBSCRIBE', '__key*__:*', 'events-done');
    await sub.frame();
    await sub.frame();
    await setConfig(c, 'notify-keyspace-events', flags);
    await fn();
    await setConfig(c, 'notify-keyspace-events', before);
    await c.call('PUBLISH', 'events-done', 'x');
    const frames = await until(sub, 'events-done');
    return frames.slice(0, -1).map((raw) => {
      const parts = raw.split('\r\n');
      // *4 $7 pmessage $n pattern $n channel $n payload
      return `${parts[6]} ${parts[8]}`;
    });
  } finally {
    await setConfig(c, 'notify-keyspace-events', before);
  }
}

/** The keyevent lines ("__keyevent@0__:set key") that running `cmds` on c produces. */
export async function eventsOf(c: Conn, open: () => Promise<Conn>, ...cmds: Array<Array<string | number | Buffer>>): Promise<string[]> {
  return events(c, open, 'EA', async () => {
    for (const cmd of cmds) await c.call(...cmd);
  });
}
