/**
 * The pub/sub hub: channel, pattern and shard-channel subscriptions across connections, message
 * fan-out, and the pubsub class of client-output-buffer-limit.
 *
 * Fan-out builds each message frame once per publish (one string per RESP version in use) and
 * appends it to every receiver's reply buffer; the server flushes each receiver once per event-loop
 * turn. A receiver whose pending output (reply buffer + what the socket still holds) reaches the hard
 * limit is dropped at once, and one that stays over the soft limit for longer than the soft seconds
 * is dropped by a cron check, as Redis does, so a subscriber that stops reading cannot grow the
 * server's memory without bound.
 */
import type { Client } from './connection';
import type { LogLevel } from './server';
import { globMatch } from './glob';
import { clientInfoLine } from '../commands/client';

/** What the hub needs from the server around it. */
export interface HubHost {
  readonly clock: { now(): number; onChange(fn: () => void): void };
  readonly config: { pubsubLimits: [number, number, number] };
  scheduleFlush(c: Client): void;
  log(level: LogLevel, msg: string): void;
}

/** How often subscribers over the soft limit are re-checked (Redis's clientsCron at hz 10). */
const SOFT_CHECK_MS = 100;

export class PubSubHub {
  readonly channels = new Map<string, Set<Client>>();
  readonly patterns = new Map<string, Set<Client>>();
  readonly shardChannels = new Map<string, Set<Client>>();
  /** Subscribers whose pending output is over the soft limit: re-checked by the cron timer. */
  private overSoft = new Set<Client>();
  private softTimer: NodeJS.Timeout | null = null;

  constructor(private host: HubHost) {
    // Time travel in tests (clock.advance) must be able to expire a soft limit without waiting.
    host.clock.onChange(() => this.checkSoftLimits());
  }

  /** Adds a channel subscription; false if the client already had it. */
  subscribe(c: Client, channel: string): boolean {
    if (c.channels === null) c.channels = new Set();
    return addSub(this.channels, c.channels, c, channel);
  }

  /** Removes a channel subscription; false if the client did not have it. */
  unsubscribe(c: Client, channel: string): boolean {
    return c.channels !== null && removeSub(this.channels, c.channels, c, channel);
  }

  /** Adds a pattern subscription; false if the client already had it. */
  psubscribe(c: Client, pattern: string): boolean {
    if (c.patterns === null) c.patterns = new Set();
    return addSub(this.patterns, c.patterns, c, pattern);
  }

  /** Removes a pattern subscription; false if the client did not have it. */
  punsubscribe(c: Client, pattern: string): boolean {
    return c.patterns !== null && removeSub(this.patterns, c.patterns, c, pattern);
  }

  /** Adds a shard channel subscription; false if the client already had it. */
  ssubscribe(c: Client, channel: string): boolean {
    if (c.shardChannels === null) c.shardChannels = new Set();
    return addSub(this.shardChannels, c.shardChannels, c, channel);
  }

  /** Removes a shard channel subscription; false if the client did not have it. */
  sunsubscribe(c: Client, channel: string): boolean {
    return c.shardChannels !== null && removeSub(this.shardChannels, c.shardChannels, c, channel);
  }

  /**
   * Delivers a message to the channel's subscribers, then to every matching pattern's subscribers
   * (a client gets one frame per matching subscription, as in Redis); returns how many frames went out.
   */
  publish(channel: string, message: string): number {
    let n = 0;
    const subs = this.channels.get(channel);
    if (subs !== undefined) {
      const body = '$7\r\nmessage\r\n$' + channel.length + '\r\n' + channel + '\r\n$' + message.length + '\r\n' + message + '\r\n';
      n += this.fanOut(subs, '*3\r\n', '>3\r\n', body);
    }
    if (this.patterns.size !== 0) {
      let tail: string | null = null;
      for (const [pattern, clients] of this.patterns) {
        if (!globMatch(pattern, channel)) continue;
        if (tail === null) tail = '$' + channel.length + '\r\n' + channel + '\r\n$' + message.length + '\r\n' + message + '\r\n';
        n += this.fanOut(clients, '*4\r\n', '>4\r\n', '$8\r\npmessage\r\n$' + pattern.length + '\r\n' + pattern + '\r\n' + tail);
      }
    }
    return n;
  }

  /** Delivers a shard message (SPUBLISH) to the shard channel's subscribers; patterns do not apply. */
  spublish(channel: string, message: string): number {
    const subs = this.shardChannels.get(channel);
    if (subs === undefined) return 0;
    const body = '$8\r\nsmessage\r\n$' + channel.length + '\r\n' + channel + '\r\n$' + message.length + '\r\n' + message + '\r\n';
    return this.fanOut(subs, '*3\r\n', '>3\r\n', body);
  }

  /** Drops every subscription of a client without notifying it (disconnect, RESET). */
  removeClient(c: Client): void {
    if (c.channels !== null) for (const ch of [...c.channels]) this.unsubscribe(c, ch);
    if (c.patterns !== null) for (const p of [...c.patterns]) this.punsubscribe(c, p);
    if (c.shardChannels !== null) for (const ch of [...c.shardChannels]) this.sunsubscribe(c, ch);
    this.overSoft.delete(c);
    c.softLimitSince = 0;
  }

  /**
   * Appends one frame to each receiver: the header is the only part that differs between RESP2 and
   * RESP3, so at most two frame strings are built per message whatever the number of receivers.
   */
  private fanOut(clients: Set<Client>, head2: string, head3: string, body: string): number {
    let f2: string | null = null;
    let f3: string | null = null;
    const limits = this.host.config.pubsubLimits;
    const checkLimits = limits[0] !== 0 || limits[1] !== 0;
    let n = 0;
    for (const c of clients) {
      const out = c.out;
      if (out.protocol === 3) out.pushFrame(f3 ?? (f3 = head3 + body));
      else out.pushFrame(f2 ?? (f2 = head2 + body));
      n++;
      this.host.scheduleFlush(c);
      if (checkLimits) this.checkLimits(c, true);
    }
    return n;
  }

  /** Applies the pubsub limits to a subscriber's pending output before a flush; true if it was closed. */
  checkOutput(c: Client): boolean {
    const limits = this.host.config.pubsubLimits;
    if ((limits[0] === 0 && limits[1] === 0) || c.subscriptionCount === 0) return false;
    return this.checkLimits(c, true);
  }

  /**
   * Redis's checkClientOutputBufferLimits for the pubsub class: the hard limit closes at once, the
   * soft one once it has been exceeded continuously for more than its seconds (whole seconds of the
   * server clock, as Redis's unixtime). Returns true if the client was closed.
   */
  private checkLimits(c: Client, onWrite: boolean): boolean {
    if (c.closed) return false;
    const [hard, soft, seconds] = this.host.config.pubsubLimits;
    const used = c.outputPending;
    let over = hard !== 0 && used >= hard;
    if (soft !== 0 && used >= soft) {
      const now = Math.floor(this.host.clock.now() / 1000);
      if (c.softLimitSince === 0) {
        c.softLimitSince = now;
        this.watchSoft(c);
      } else if (now - c.softLimitSince > seconds) {
        over = true;
      }
    } else if (c.softLimitSince !== 0) {
      c.softLimitSince = 0;
      this.overSoft.delete(c);
    }
    if (!over) return false;
    // Redis logs the client's CLIENT LIST line; on a write the close is deferred ("scheduled"),
    // from the cron it is immediate. Either way the pending output is discarded, not sent.
    const info = clientInfoLine(c);
    this.host.log(
      'warning',
      onWrite
        ? `Client ${info} scheduled to be closed ASAP for overcoming of output buffer limits.`
        : `Client ${info} closed for overcoming of output buffer limits.`,
    );
    c.abort();
    return true;
  }

  private watchSoft(c: Client): void {
    this.overSoft.add(c);
    if (this.softTimer === null) {
      this.softTimer = setInterval(() => this.checkSoftLimits(), SOFT_CHECK_MS);
      this.softTimer.unref();
    }
  }

  /** The cron side of the soft limit: closes subscribers still over it, forgets those that drained. */
  checkSoftLimits(): void {
    if (this.overSoft.size === 0) return;
    for (const c of [...this.overSoft]) {
      if (c.closed || c.subscriptionCount === 0) {
        this.overSoft.delete(c);
        c.softLimitSince = 0;
        continue;
      }
      this.checkLimits(c, false);
    }
    if (this.overSoft.size === 0 && this.softTimer !== null) {
      clearInterval(this.softTimer);
      this.softTimer = null;
    }
  }

  /** Stops the soft-limit timer (server shutdown). */
  stop(): void {
    if (this.softTimer !== null) clearInterval(this.softTimer);
    this.softTimer = null;
    this.overSoft.clear();
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
    // Drop empty entries so subscribing to millions of short-lived channels does not leak.
    if (set.size === 0) index.delete(name);
  }
  return true;
}
