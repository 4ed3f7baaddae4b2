/**
 * Respite's embeddable API: `const server = await startServer({ port: 0 })` gives a running
 * Redis-compatible server with its port and URL, stop(), flushAll() and a controllable clock.
 */
import { Config } from './config';
import { Clock } from './clock';
import { Server } from './server';

export { Clock } from './clock';
export { Config } from './config';
export { Server } from './server';

export interface StartOptions {
  /** TCP port; 0 picks a free one (default 6379, like redis-server). */
  port?: number;
  /** Address to listen on (default 127.0.0.1). */
  bind?: string;
  /** Require AUTH with this password. */
  requirepass?: string;
  /** Number of databases (default 16). */
  databases?: number;
  /** Print redis-server style log lines to stderr at this level (default: silent when embedded). */
  loglevel?: 'debug' | 'verbose' | 'notice' | 'warning' | 'nothing';
  /** Any other config parameter, by its redis.conf name: `{ 'notify-keyspace-events': 'KEA' }`. */
  [param: string]: string | number | boolean | undefined;
}

export interface RespiteServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number;
  readonly host: string;
  /** `redis://host:port`, ready for ioredis / node-redis. */
  readonly url: string;
  /** The server clock: freeze(), advance(ms), set(date), resume(), now(). */
  readonly clock: Clock;
  readonly config: Config;
  /** The underlying server, for advanced use. */
  readonly server: Server;
  /** Closes every connection and the listener. */
  stop(): Promise<void>;
  /** Empties every database, as FLUSHALL. */
  flushAll(): void;
}

/** Starts a server and resolves once it accepts connections. */
export async function startServer(options: StartOptions = {}): Promise<RespiteServer> {
  const config = new Config();
  const pairs: Array<[string, string]> = [];
  let logging = false;
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined) continue;
    if (name === 'loglevel') logging = true;
    pairs.push([name, typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value)]);
  }
  if (options.port === undefined) pairs.push(['port', '6379']);
  config.setMany(pairs, true);
  const server = new Server(config, new Clock());
  if (logging) server.logSink = (line) => process.stderr.write(line + '\n');
  await server.listen();
  return {
    get port() {
      return server.port;
    },
    get host() {
      return server.host;
    },
    get url() {
      return `redis://${server.host}:${server.port}`;
    },
    clock: server.clock,
    config,
    server,
    stop: () => server.stop(),
    flushAll: () => server.flushAll(),
  };
}
