/**
 * One client connection: its socket, request parser and reply writer, and all per-client state
 * (selected database, name, auth, protocol, MULTI queue, WATCHed keys, subscriptions, blocked state).
 * Everything parsed from one read is executed, and its replies leave in one socket write.
 */
import type { Socket } from 'net';
import { RequestParser } from './protocol/parser';
import { ReplyWriter } from './protocol/reply';
import type { Database, Watcher } from './keyspace/database';
import type { Server } from './server';
import type { CommandSpec } from './command';
import type { BlockState } from './blocking';

export type ReplyMode = 'on' | 'off' | 'skip';

export class Client implements Watcher {
  readonly out = new ReplyWriter();
  readonly parser: RequestParser;
  db: Database;
  name = '';
  libName = '';
  libVer = '';
  authenticated: boolean;
  readonly createdAt: number;
  lastInteraction: number;
  /** Name of the last command run (CLIENT LIST cmd=). */
  lastCommand = 'NULL';
  replyMode: ReplyMode = 'on';
  noEvict = false;
  noTouch = false;

  /** Queued [spec, argv] pairs while in MULTI, else null. */
  multi: Array<[CommandSpec, string[]]> | null = null;
  /** A command failed while queuing: EXEC answers EXECABORT. */
  multiError = false;
  /** A WATCHed key was touched: EXEC answers nil. */
  dirtyCAS = false;
  /** WATCHed keys as [db, key, already expired when WATCHed]. */
  watched: Array<[Database, string, boolean]> | null = null;

  /** Pub/sub subscriptions; null until the first one (most clients never subscribe). */
  channels: Set<string> | null = null;
  patterns: Set<string> | null = null;
  shardChannels: Set<string> | null = null;
  /** When the output first went over the soft pub/sub limit (ms), for the soft limit's seconds. */
  softLimitSince = 0;

  /** Set while a blocking command waits. */
  blocked: BlockState | null = null;
  /** Close once the pending replies are written (QUIT, protocol errors, CLIENT KILL). */
  closing = false;
  closed = false;

  constructor(readonly id: number, readonly socket: Socket, readonly server: Server) {
    this.db = server.dbs[0];
    this.authenticated = server.config.requirepass === '';
    this.createdAt = this.lastInteraction = server.clock.now();
    const config = server.config;
    // Getters, so CONFIG SET proto-max-bulk-len / client-query-buffer-limit apply to live clients.
    this.parser = new RequestParser({
      get maxBulkLen() {
        return config.maxBulkLen;
      },
      get queryBufferLimit() {
        return config.queryBufferLimit;
      },
      unauthenticated: () => !this.authenticated,
    });
  }

  get protocol(): 2 | 3 {
    return this.out.protocol;
  }

  /** Number of channel + pattern + shard subscriptions (RESP2 subscriber mode when > 0). */
  get subscriptionCount(): number {
    return (this.channels?.size ?? 0) + (this.patterns?.size ?? 0) + (this.shardChannels?.size ?? 0);
  }

  /** Watcher: the key was logically expired at WATCH time (its expiry deletion is then no change). */
  watchedExpired(db: Database, key: string): boolean {
    if (this.watched === null) return false;
    for (const w of this.watched) if (w[0] === db && w[1] === key) return w[2];
    return false;
  }

  /** Feeds bytes from the socket, runs every complete command, writes the replies once. */
  onData(chunk: Buffer): void {
    this.lastInteraction = this.server.clock.now();
    const p = this.parser;
    try {
      p.feed(chunk);
      if (p.overLimit()) {
        this.server.log('warning', `Closing client id=${this.id} that reached max query buffer length`);
        this.close();
        return;
      }
      this.processInput();
      this.flush();
    } catch (e) {
      // Handlers' errors are replies already (src/dispatch.ts); anything reaching here is a bug in
      // the server itself. It costs this one connection, never the process or other clients.
      this.server.log('warning', `Internal error on client id=${this.id}, closing it: ${(e as Error).stack ?? e}`);
      this.abort();
    }
  }

  /** Runs parsed commands until the buffer is exhausted, the client blocks, or it is closing. */
  processInput(): void {
    while (this.blocked === null && !this.closing) {
      const argv = this.parser.next();
      if (argv === null) {
        if (this.parser.error !== null) {
          this.out.error('ERR ' + this.parser.error);
          this.server.log('verbose', `Protocol error (${this.parser.error}) from client id=${this.id}`);
          this.closing = true;
        }
        return;
      }
      this.server.execute(this, argv);
    }
  }

  /** Writes pending output with one socket write; ends the socket if closing. */
  flush(): void {
    if (this.closed) return;
    if (this.out.buf.length !== 0 || this.out.frames !== null) {
      // A subscriber is in the pubsub output-limit class for its command replies too, as in Redis.
      if ((this.channels !== null || this.patterns !== null || this.shardChannels !== null) && this.server.hub.checkOutput(this)) return;
      const data = this.out.take();
      this.server.stats.netOutputBytes += data.length;
      this.socket.write(data, 'latin1');
    }
    if (this.closing) this.close();
  }

  /** Bytes queued for this client and not yet accepted by the kernel (CLIENT LIST omem=). */
  get outputPending(): number {
    return this.out.pending + this.socket.writableLength;
  }

  /** Ends the connection after what was written, and releases server-side state. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.closing = true;
    this.socket.end();
    this.server.clientClosed(this);
  }

  /** Drops the connection at once, discarding pending output (output buffer limits, as Redis's freeClient). */
  abort(): void {
    if (this.closed) return;
    this.closed = true;
    this.closing = true;
    this.out.clear();
    this.socket.destroy();
    this.server.clientClosed(this);
  }
}
