/**
 * Helpers for the keyspace tests: RESP3 twins (HELLO 3's reply carries the connection id, so it is
 * left out of the comparison) and, re-exported, the keyspace-event collector.
 */
import type { Cmd } from '../helpers';
import { run } from '../helpers';
import { twin } from '../pubsub/util';

export { events } from './events';

/** Like same(), on a RESP3 connection: HELLO 3 first (its reply not compared), then `cmds`. */
export function sameResp3(title: string, ...cmds: Cmd[]): void {
  twin(title, async (c) => {
    await c.call('HELLO', '3');
    return run(c, cmds);
  });
}
