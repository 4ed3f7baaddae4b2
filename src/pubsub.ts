/**
 * The pub/sub hub: channel and pattern subscriptions across connections, and message fan-out.
 * Messages are appended to each receiver's reply buffer and flushed once per event-loop turn.
 */
import type { Client } from './connection';
import { globMatch } from './glob';

export class PubSubHub {
  readonly channels = new Map<string, Set<Client>>();
  readonly patterns = new Map<string, Set<Client>>();
  readonly shardChannels = new Map<string, Set<Client>>();

  constructor(private scheduleFlush: (c: Client) => void) {}

  /** Adds a channel subscription; false if the client already had it. */
  subscribe(c: Client, channel: string): boolean {
    if (c.channels === null) c.channels = new Set();
    return addSub(this.channels, c.channels, c, channel);
  }

  unsubscribe(c: Client, channel: string): boolean {
    return c.channels !== null && removeSub(this.channels, c.channels, c, channel);
  }

  psubscribe(c: Client, pattern: string): boolean {
    if (c.patterns === null) c.patterns = new Set();
    return addSub(this.patterns, c.patterns, c, pattern);
  }

  punsubscribe(c: Client, pattern: string): boolean {
    return c.patterns !== null && removeSub(this.patterns, c.patterns, c, pattern);
  }

  ssubscribe(c: Client, channel: string): boolean {
    if (c.shardChannels === null) c.shardChannels = new Set();
    return addSub(this.shardChannels, c.shardChannels, c, channel);
  }

  sunsubscribe(c: Client, channel: string): boolean {
    return c.shardChannels !== null && removeSub(this.shardChannels, c.shardChannels, c, channel);
  }

  /** Delivers a message to channel and pattern subscribers; returns how many received it. */
  publish(channel: string, message: string): number {
    let n = 0;
    const subs = this.channels.get(channel);
    if (subs !== undefined) {
      const tail = '$' + channel.length + '\r\n' + channel + '\r\n$' + message.length + '\r\n' + message + '\r\n';
      for (const c of subs) {
        c.out.raw((c.out.protocol === 3 ? '>3\r\n' : '*3\r\n') + '$7\r\nmessage\r\n' + tail);
        this.delivered(c);
        n++;
      }
    }
    if (this.patterns.size !== 0) {
      for (const [pattern, clients] of this.patterns) {
        if (!globMatch(pattern, channel)) continue;
        const frame = '$8\r\npmessage\r\n$' + pattern.length + '\r\n' + pattern + '\r\n$' + channel.length + '\r\n' + channel + '\r\n$' + message.length + '\r\n' + message + '\r\n';
        for (const c of clients) {
          c.out.raw((c.out.protocol === 3 ? '>4\r\n' : '*4\r\n') + frame);
          this.delivered(c);
          n++;
        }
      }
    }
    return n;
  }

  /** Delivers a shard message (SPUBLISH) to shard channel subscribers. */
  spublish(channel: string, message: string): number {
    const subs = this.shardChannels.get(channel);
    if (subs === undefined) return 0;
    for (const c of subs) {
      c.out.push(3);
      c.out.bulk('smessage');
      c.out.bulk(channel);
      c.out.bulk(message);
      this.delivered(c);
    }
    return subs.size;
  }

  /** Drops every subscription of a client (disconnect, RESET). */
  removeClient(c: Client): void {
    if (c.channels !== null) for (const ch of [...c.channels]) this.unsubscribe(c, ch);
    if (c.patterns !== null) for (const p of [...c.patterns]) this.punsubscribe(c, p);
    if (c.shardChannels !== null) for (const ch of [...c.shardChannels]) this.sunsubscribe(c, ch);
  }

  private delivered(c: Client): void {
    this.scheduleFlush(c);
  }
}

function addSub(index: Map<string, Set<Client>>, own: Set<string>, c: Client, name: string): boolean {
  if (own.has(name)) return false;
  own.add(name);
  let set = index.get(name);
  if (set === undefined) index.set(name, (set = new Set()));
  set.add(c);
  return true;
}

function removeSub(index: Map<string, Set<Client>>, own: Set<string>, c: Client, name: string): boolean {
  if (!own.delete(name)) return false;
  const set = index.get(name);
  if (set !== undefined) {
    set.delete(c);
    if (set.size === 0) index.delete(name);
  }
  return true;
}
