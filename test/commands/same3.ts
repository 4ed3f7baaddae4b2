/** compare() on RESP3 connections, for the hash and set twin tests. */
import { expect, connect, run, Cmd } from '../helpers';
import { targets } from '../servers';

/**
 * Registers a case that sends HELLO 3 first (not compared: its reply carries the connection id),
 * then the commands, and asserts byte-identical replies from Respite and real Redis.
 */
export function same3(title: string, ...cmds: Cmd[]): void {
  it(title, async () => {
    const results: string[][] = [];
    for (const target of targets()) {
      const c = await connect(target);
      try {
        await c.call('FLUSHALL');
        await c.call('HELLO', '3');
        results.push(await run(c, cmds));
      } finally {
        c.close();
      }
    }
    if (results.length === 2) {
      for (let i = 0; i < cmds.length; i++) expect(results[0][i], `reply to ${JSON.stringify(cmds[i].map(String))}`).to.equal(results[1][i]);
    }
  });
}
