/**
 * Loads both Colyseus lines unmodified: 0.18 from the top-level node_modules, 0.17 from its own
 * folder (test/clients/colyseus-0.17, installed by `npm test`'s pretest step).
 */
import { createRequire } from 'module';
import * as fs from 'fs';
import * as path from 'path';

/* The Colyseus packages are loaded at run time from two install roots, so their types cannot be
   imported statically for both lines; these interfaces list exactly what the tests call. */
export interface Presence {
  subscribe(topic: string, cb: (data: unknown) => void): Promise<unknown>;
  unsubscribe(topic: string, cb?: (data: unknown) => void): Promise<unknown>;
  publish(topic: string, data: unknown): Promise<void>;
  channels(pattern?: string): Promise<string[]>;
  exists(key: string): Promise<boolean>;
  setex(key: string, value: string, seconds: number): Promise<unknown>;
  get(key: string): Promise<string | null>;
  del(key: string): Promise<unknown>;
  sadd(key: string, value: unknown): Promise<unknown>;
  smembers(key: string): Promise<string[]>;
  sismember(key: string, field: string): Promise<number>;
  srem(key: string, value: unknown): Promise<number>;
  scard(key: string): Promise<number>;
  sinter(...keys: string[]): Promise<string[]>;
  hset(key: string, field: string, value: string): Promise<boolean>;
  hincrby(key: string, field: string, value: number): Promise<number>;
  hincrbyex(key: string, field: string, value: number, expireInSeconds: number): Promise<number>;
  hget(key: string, field: string): Promise<string | null>;
  hgetall(key: string): Promise<Record<string, string>>;
  hdel(key: string, field: string): Promise<boolean>;
  hlen(key: string): Promise<number>;
  incr(key: string): Promise<number>;
  decr(key: string): Promise<number>;
  llen(key: string): Promise<number>;
  rpush(key: string, ...values: string[]): Promise<number>;
  lpush(key: string, ...values: string[]): Promise<number>;
  rpop(key: string): Promise<string | null>;
  lpop(key: string): Promise<string | null>;
  brpop(...args: Array<string | number>): Promise<[string, string] | null>;
  shutdown(): void;
}

export interface RoomCache {
  roomId: string;
  name: string;
  processId: string;
  clients: number;
  maxClients: number;
  locked: boolean;
  [k: string]: unknown;
}

export interface Driver {
  has(roomId: string): Promise<boolean>;
  query(conditions: Record<string, unknown>, sort?: Record<string, 1 | -1 | 'asc' | 'desc'>): Promise<RoomCache[]>;
  cleanup(processId: string): Promise<void>;
  findByIds?(roomIds: string[]): Promise<Map<string, RoomCache>>;
  findOne(conditions: Record<string, unknown>, sort?: Record<string, 1 | -1>): Promise<RoomCache | undefined>;
  update(room: RoomCache, ops: { $set?: Record<string, unknown>; $inc?: Record<string, number> }): Promise<boolean>;
  persist(room: RoomCache): Promise<boolean>;
  remove(roomId: string): Promise<boolean>;
  shutdown(): Promise<void>;
  clear(): Promise<void> | void;
}

export interface ColyseusLine {
  version: string;
  Presence: new (opts: { host: string; port: number; [k: string]: unknown }) => Presence;
  Driver: new (opts: { host: string; port: number; [k: string]: unknown }) => Driver;
}

/** The project root: the nearest folder above this file holding Respite's package.json and node_modules. */
function projectRoot(): string {
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg) && fs.existsSync(path.join(dir, 'node_modules')) && (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === 'respite') return dir;
  }
  throw new Error('Respite project root not found');
}

const root = projectRoot();

function load(base: string): ColyseusLine {
  const req = createRequire(path.join(base, 'package.json'));
  const presence = req('@colyseus/redis-presence');
  const driver = req('@colyseus/redis-driver');
  // The package's exports map hides package.json, so read it beside the resolved entry point.
  const pkg = path.join(path.dirname(req.resolve('@colyseus/redis-presence')), '..', 'package.json');
  const version = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { version: string }).version;
  return { version, Presence: presence.RedisPresence, Driver: driver.RedisDriver };
}

/** Both lines, newest first. */
export function colyseusLines(): ColyseusLine[] {
  return [load(root), load(path.join(root, 'test', 'clients', 'colyseus-0.17'))];
}
