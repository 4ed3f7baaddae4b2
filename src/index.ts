/**
 * Respite's embeddable API: `const server = await startServer({ port: 0 })` gives a running
 * Redis-compatible server with its port and URL, stop(), flushAll() and a controllable clock that
 * TTLs, EXPIRETIME, TIME and blocking timeouts follow.
 */
import { Config, ConfigError, findPublicParam } from './config';
import { Clock } from './clock';
import { Server } from './server';

export { Clock } from './clock';
export { Config, ConfigError } from './config';
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
  loglevel?: 'debug' | 'verbose' | 'notice' | 'warning';
  /**
   * Any other config parameter, by its redis.conf name or in camelCase:
   * `{ 'notify-keyspace-events': 'KEA' }` or `{ notifyKeyspaceEvents: 'KEA' }`. Booleans become yes/no.
   */
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
  /** Closes every connection and the listener; resolves once closed. Safe to call twice. */
  stop(): Promise<void>;
  /** Empties every database, as FLUSHALL. */
  flushAll(): void;
}

/** `maxmemoryPolicy` → `maxmemory-policy`; names that already are parameters stay as they are. */
function paramName(name: string): string {
  if (findPublicParam(name) !== undefined) return name;
  const kebab = name.replace(/[A-Z]/g, (ch) => '-' + ch.toLowerCase());
  return findPublicParam(kebab) !== undefined ? kebab : name;
}

/**
 * Starts a server and resolves once it accepts connections. Rejects with a ConfigError naming the
 * option for an unknown parameter or an invalid value (Redis's reason text), and with the listen
 * error (e.g. EADDRINUSE) when the port is taken.
 */
export async function startServer(options: StartOptions = {}): Promise<RespiteServer> {
  const config = new Config();
  let logging = false;
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue;
    const name = paramName(key);
    if (name === 'loglevel') logging = true;
    const v = typeof value === 'boolean' ? (value ? 'yes' : 'no') : String(value);
    try {
      config.set(name, v);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      if (e.kind === 'unknown') throw new ConfigError('unknown option', key, 'unknown', `Respite: unknown option '${key}'`);
      throw new ConfigError(e.reason, key, 'invalid', `Respite: invalid value for option '${key}' (${JSON.stringify(value)}): ${e.reason}`);
    }
  }
  if (options.port === undefined) config.set('port', 6379);
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
