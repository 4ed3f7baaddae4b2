/**
 * The server: the TCP listener, the client registry, the 16 databases with their expiry wheels,
 * the clock, config, pub/sub hub and blocking registry, and output batching per event-loop turn.
 */
import * as net from 'net';
import { Clock } from './clock';
import { Config } from './config';
import { Database, KeyspaceHost } from './keyspace/database';
import { Client } from './connection';
import { PubSubHub } from './pubsub';
import { Blocking } from './blocking';
import { NOTIFY } from './notify';
import { CommandSpec } from './command';
import { execute, callHandler } from './dispatch';
import { CommandTable, buildCommandTable } from '../commands';

export type LogLevel = 'debug' | 'verbose' | 'notice' | 'warning' | 'nothing';
const LOG_RANK: Record<string, number> = { debug: 0, verbose: 1, notice: 2, warning: 3, nothing: 4 };
const LOG_MARK: Record<string, string> = { debug: '.', verbose: '-', notice: '*', warning: '#' };

/** How often the expiry wheel and blocked-client deadlines are checked, and its CPU budget per run. */
const EXPIRE_INTERVAL_MS = 10;
const EXPIRE_BUDGET_MS = 25;

export interface ServerStats {
  startTime: number;
  totalConnections: number;
  totalCommands: number;
  rejectedConnections: number;
  expiredKeys: number;
  keyspaceHits: number;
  keyspaceMisses: number;
  pubsubMessages: number;
  netInputBytes: number;
  netOutputBytes: number;
}

export class Server implements KeyspaceHost {
  readonly clock: Clock;
  readonly config: Config;
  readonly dbs: Database[] = [];
  readonly clients = new Map<number, Client>();
  readonly table: CommandTable;
  readonly hub: PubSubHub;
  readonly blocking: Blocking;
  readonly stats: ServerStats;
  /** The client whose EXEC is running (blocking commands act non-blocking, ready keys wait). */
  inExec: Client | null = null;
  /** DEBUG SET-ACTIVE-EXPIRE: when false, keys expire only lazily (on access). */
  activeExpireEnabled = true;
  /** Called when SHUTDOWN (or stop()) ends the server. */
  onShutdown: (() => void) | null = null;
  /** Where log lines go; the CLI prints them, the embedded API keeps quiet unless asked. */
  logSink: ((line: string) => void) | null = null;
  readonly runId: string;
  private net: net.Server;
  private nextClientId = 1;
  private dirty = new Set<Client>();
  private flushQueued = false;
  private expireTimer: NodeJS.Timeout | null = null;
  private expirePending = false;
  private stopped: Promise<void> | null = null;
  port = 0;
  host = '127.0.0.1';

  constructor(config: Config = new Config(), clock: Clock = new Clock()) {
    this.config = config;
    this.clock = clock;
    this.table = buildCommandTable();
    this.runId = [...Array(40)].map(() => Math.floor(Math.random() * 16).toString(16)).join('');
    const n = config.getInt('databases');
    for (let i = 0; i < n; i++) this.dbs.push(new Database(i, this));
    this.hub = new PubSubHub(this);
    this.blocking = new Blocking(() => this.clock.now());
    this.stats = {
      startTime: this.clock.now(), totalConnections: 0, totalCommands: 0, rejectedConnections: 0,
      expiredKeys: 0, keyspaceHits: 0, keyspaceMisses: 0, pubsubMessages: 0, netInputBytes: 0, netOutputBytes: 0,
    };
    clock.onChange(() => {
      this.activeExpire();
      this.blocking.checkTimeouts();
    });
    this.net = net.createServer({ noDelay: true }, (socket) => this.accept(socket));
  }

  /** Starts listening; resolves once bound (port 0 picks a free port, then `port` holds it). */
  listen(port = this.config.getInt('port'), host = this.config.get('bind').split(/\s+/)[0]): Promise<void> {
    this.host = host === '*' ? '0.0.0.0' : host;
    return new Promise((resolve, reject) => {
      const onError = (err: Error) => reject(err);
      this.net.once('error', onError);
      this.net.listen({ port, host: this.host, backlog: this.config.getInt('tcp-backlog') }, () => {
        this.net.off('error', onError);
        const addr = this.net.address() as net.AddressInfo;
        this.port = addr.port;
        this.expireTimer = setInterval(() => this.activeExpire(), EXPIRE_INTERVAL_MS);
        resolve();
      });
    });
  }

  /** Closes every connection and the listener. Safe to call twice. */
  stop(): Promise<void> {
    if (this.stopped !== null) return this.stopped;
    this.stopped = new Promise((resolve) => {
      if (this.expireTimer !== null) clearInterval(this.expireTimer);
      this.hub.stop();
      for (const c of [...this.clients.values()]) {
        this.blocking.unblock(c);
        c.flush();
        c.socket.destroy();
        this.clientClosed(c);
      }
      this.net.close(() => resolve());
      if (this.onShutdown !== null) this.onShutdown();
    });
    return this.stopped;
  }

  private accept(socket: net.Socket): void {
    if (this.clients.size >= this.config.getInt('maxclients')) {
      this.stats.rejectedConnections++;
      socket.end('-ERR max number of clients reached\r\n');
      return;
    }
    const c = new Client(this.nextClientId++, socket, this);
    this.clients.set(c.id, c);
    this.stats.totalConnections++;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.stats.netInputBytes += chunk.length;
      c.onData(chunk);
    });
    socket.on('error', () => c.close());
    socket.on('close', () => c.close());
  }

  /** Dispatches one request (see src/dispatch.ts). */
  execute(c: Client, argv: string[]): void {
    execute(this, c, argv);
  }

  /** Runs a resolved command (EXEC and blocked-client re-runs come here directly). */
  call(c: Client, spec: CommandSpec, argv: string[]): void {
    this.stats.totalCommands++;
    c.lastCommand = spec.name;
    callHandler(c, spec, argv);
  }

  /** Queues a flush of a client's output at the end of this event-loop turn (pub/sub, unblocking). */
  scheduleFlush(c: Client): void {
    this.dirty.add(c);
    if (!this.flushQueued) {
      this.flushQueued = true;
      setImmediate(() => this.flushDirty());
    }
  }

  private flushDirty(): void {
    this.flushQueued = false;
    const list = this.dirty;
    this.dirty = new Set();
    for (const c of list) c.flush();
  }

  /** Forgets a closed client: its blocks, subscriptions, watches. */
  clientClosed(c: Client): void {
    if (!this.clients.delete(c.id)) return;
    this.blocking.unblock(c);
    this.hub.removeClient(c);
    unwatchAll(c);
    this.dirty.delete(c);
  }

  /** KeyspaceHost: the server clock. */
  now(): number {
    return this.clock.now();
  }

  /** KeyspaceHost: publishes __keyspace@db__:key and __keyevent@db__:event when enabled. */
  notify(cls: number, event: string, key: string, dbid: number): void {
    if (cls === NOTIFY.EXPIRED) this.stats.expiredKeys++;
    const flags = this.config.notifyFlags;
    if ((flags & cls) === 0) return;
    if (flags & NOTIFY.KEYSPACE) this.hub.publish(`__keyspace@${dbid}__:${key}`, event);
    if (flags & NOTIFY.KEYEVENT) this.hub.publish(`__keyevent@${dbid}__:${event}`, key);
  }

  /** KeyspaceHost: a key blocked clients wait on got elements. */
  keyReady(db: Database, key: string): void {
    this.blocking.keyReady(db, key);
  }

  /** Runs the expiry wheels up to now, continuing on the next turn if the budget ran out. */
  activeExpire(): void {
    if (this.expirePending) return;
    const now = this.clock.now();
    let done = true;
    if (this.activeExpireEnabled) {
      for (const db of this.dbs) {
        if (db.wheel.size !== 0 && !db.wheel.advance(now, EXPIRE_BUDGET_MS)) done = false;
      }
    }
    if (this.blocking.hasReady) this.blocking.serveReady();
    if (!done) {
      this.expirePending = true;
      setImmediate(() => {
        this.expirePending = false;
        this.activeExpire();
      });
    }
  }

  /** Empties every database (FLUSHALL). */
  flushAll(): void {
    for (const db of this.dbs) db.flush();
  }

  /** Writes a redis-server style log line if the level passes loglevel. */
  log(level: LogLevel, msg: string): void {
    if (this.logSink === null) return;
    if (LOG_RANK[level] < LOG_RANK[this.config.get('loglevel')]) return;
    const d = new Date();
    const stamp = d.toUTCString().slice(5, 25) + '.' + String(d.getUTCMilliseconds()).padStart(3, '0');
    this.logSink(`${process.pid}:M ${stamp} ${LOG_MARK[level] ?? '*'} ${msg}`);
  }

  get address(): string {
    return `${this.host}:${this.port}`;
  }
}

/** Drops all WATCHes of a client (EXEC, DISCARD, UNWATCH, RESET, disconnect). */
export function unwatchAll(c: Client): void {
  if (c.watched === null) return;
  for (const [db, key] of c.watched) {
    const set = db.watchers?.get(key);
    if (set !== undefined) {
      set.delete(c);
      if (set.size === 0) db.watchers!.delete(key);
    }
  }
  c.watched = null;
  c.dirtyCAS = false;
}
