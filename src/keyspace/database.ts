/**
 * One of the 16 databases: the key→value map, the key→deadline map, and the hooks every write goes
 * through (WATCH invalidation, blocked-client wake-up, keyspace notifications). Reads see expired keys
 * as absent and delete them on the spot (lazy expiry); the expiry wheel deletes the rest actively.
 */
import { fail, WRONGTYPE } from '../errors';
import { Collection, CollectionType, Value } from './types';
import { ExpiryWheel, ExpiryTarget } from './expiry';
import { NOTIFY } from '../notify';
import type { Client } from '../connection';

/** What a database needs from the server around it. */
export interface KeyspaceHost {
  now(): number;
  /** Publishes a keyspace notification if notify-keyspace-events enables its class. */
  notify(cls: number, event: string, key: string, dbid: number): void;
  /** A key that blocked clients wait on may have become ready. */
  keyReady(db: Database, key: string): void;
}

/** Anything that can WATCH a key: EXEC fails once `dirtyCAS` is set. */
export interface Watcher {
  dirtyCAS: boolean;
  /** True if the key was already expired when WATCHed: its deletion by expiry is then no change. */
  watchedExpired(db: Database, key: string): boolean;
}

export class Database implements ExpiryTarget {
  // Not readonly: SWAPDB exchanges them between two databases (swapData).
  map = new Map<string, Value>();
  expires = new Map<string, number>();
  wheel: ExpiryWheel;
  /** Watched key → watching clients; null until the first WATCH to keep writes cheap. */
  watchers: Map<string, Set<Watcher>> | null = null;
  /** Key → clients blocked on it in arrival order; null until the first blocking command. */
  blocked: Map<string, Set<Client>> | null = null;
  /**
   * Keys whose string value Redis would not encode by its content (OBJECT ENCODING): 'raw' after an
   * in-place edit (APPEND, SETRANGE, SETBIT, BITFIELD, BITOP), 'embstr' for an INCRBYFLOAT result.
   * Any write or removal of the key forgets it; null until the first such edit.
   */
  stringEncodings: Map<string, 'raw' | 'embstr'> | null = null;
  /** Sum of TTLs sampled as keys expire, for INFO keyspace's avg_ttl. */
  avgTtl = 0;

  constructor(public id: number, private host: KeyspaceHost) {
    this.wheel = new ExpiryWheel(this, host.now());
  }

  get size(): number {
    return this.map.size;
  }

  /** The live value of a key, or undefined (deleting it first if its deadline passed). */
  get(key: string): Value | undefined {
    const v = this.map.get(key);
    if (v === undefined) return undefined;
    if (this.expires.size !== 0) {
      const at = this.expires.get(key);
      if (at !== undefined && at <= this.host.now()) {
        this.expire(key);
        return undefined;
      }
    }
    return v;
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /** A string value, or undefined; WRONGTYPE for other types. */
  getString(key: string): string | undefined {
    const v = this.get(key);
    if (v !== undefined && typeof v !== 'string') fail(WRONGTYPE);
    return v;
  }

  /** A collection of the given type, or undefined; WRONGTYPE for other types. */
  getOf<T extends Collection>(key: string, type: CollectionType): T | undefined {
    const v = this.get(key);
    if (v === undefined) return undefined;
    if (typeof v === 'string' || v.type !== type) fail(WRONGTYPE);
    return v as T;
  }

  /** Gets or creates a collection of the given type (create is called only when the key is absent). */
  getOrCreate<T extends Collection>(key: string, type: CollectionType, create: () => T): T {
    const v = this.getOf<T>(key, type);
    if (v !== undefined) return v;
    const fresh = create();
    this.map.set(key, fresh);
    return fresh;
  }

  /**
   * Stores a value as SET does: drops the TTL unless keepTtl, signals watchers. Collections that are
   * mutated in place call `modified` instead.
   */
  set(key: string, value: Value, keepTtl = false): void {
    this.map.set(key, value);
    if (this.stringEncodings !== null) this.stringEncodings.delete(key);
    if (!keepTtl && this.expires.size !== 0) this.expires.delete(key);
    this.modified(key);
  }

  /** Deletes a key (with its TTL); true if it existed and was live. */
  delete(key: string): boolean {
    if (this.get(key) === undefined) return false;
    this.map.delete(key);
    if (this.stringEncodings !== null) this.stringEncodings.delete(key);
    if (this.expires.size !== 0) this.expires.delete(key);
    this.modified(key);
    return true;
  }

  /** Removes a collection that became empty, as every Redis write does; true if it was removed. */
  deleteIfEmpty(key: string, value: Collection): boolean {
    if (value.size() !== 0) return false;
    this.map.delete(key);
    if (this.expires.size !== 0) this.expires.delete(key);
    return true;
  }

  /** Signals a write to a key: WATCHers of it will fail EXEC (Redis's signalModifiedKey). */
  modified(key: string): void {
    if (this.watchers !== null) {
      const set = this.watchers.get(key);
      if (set !== undefined) for (const w of set) w.dirtyCAS = true;
    }
  }

  /** Signals that a list/zset key got elements; blocked clients waiting on it are served after the command. */
  signalReady(key: string): void {
    if (this.blocked !== null && this.blocked.has(key)) this.host.keyReady(this, key);
  }

  /** Publishes a keyspace event for a key of this database. */
  notify(cls: number, event: string, key: string): void {
    this.host.notify(cls, event, key, this.id);
  }

  /** True if the key is in the map but its deadline passed (without deleting it, unlike get). */
  isExpired(key: string): boolean {
    const at = this.expires.size === 0 ? undefined : this.expires.get(key);
    return at !== undefined && at <= this.host.now();
  }

  /** Sets an absolute deadline in ms. The caller has checked the key exists. */
  setExpire(key: string, at: number): void {
    this.expires.set(key, at);
    this.wheel.schedule(key, at);
  }

  /** The key's deadline in ms, or undefined. */
  getExpire(key: string): number | undefined {
    return this.expires.size === 0 ? undefined : this.expires.get(key);
  }

  /** Removes a TTL; true if there was one. */
  persist(key: string): boolean {
    return this.expires.delete(key);
  }

  /** ExpiryTarget: the current deadline of a key still present. */
  deadlineOf(key: string): number | undefined {
    return this.expires.get(key);
  }

  /** Removes a key whose deadline passed, with the `expired` event (ExpiryTarget; also lazy expiry). */
  expire(key: string): void {
    this.map.delete(key);
    if (this.stringEncodings !== null) this.stringEncodings.delete(key);
    this.expires.delete(key);
    if (this.watchers !== null) {
      const set = this.watchers.get(key);
      if (set !== undefined) for (const w of set) if (!w.watchedExpired(this, key)) w.dirtyCAS = true;
    }
    this.host.notify(NOTIFY.EXPIRED, 'expired', key, this.id);
  }

  /** Empties the database (FLUSHDB), invalidating WATCHes of keys that existed. */
  flush(): number {
    const n = this.map.size;
    if (this.watchers !== null) for (const key of this.watchers.keys()) if (this.map.has(key)) this.modified(key);
    this.map.clear();
    this.expires.clear();
    this.wheel.clear();
    this.stringEncodings = null;
    return n;
  }

  /**
   * SWAPDB: exchanges the data (keys, deadlines, expiry wheel, avg TTL) with another database. WATCHes
   * and blocked clients stay with their database, as in Redis; the caller signals them.
   */
  swapData(other: Database): void {
    const { map, expires, wheel, avgTtl, stringEncodings } = this;
    this.stringEncodings = other.stringEncodings;
    other.stringEncodings = stringEncodings;
    this.map = other.map;
    this.expires = other.expires;
    this.wheel = other.wheel;
    this.avgTtl = other.avgTtl;
    other.map = map;
    other.expires = expires;
    other.wheel = wheel;
    other.avgTtl = avgTtl;
    this.wheel.retarget(this);
    other.wheel.retarget(other);
  }

  /** Counts keys with a TTL that are still live (INFO keyspace's expires=). */
  get expiresCount(): number {
    return this.expires.size;
  }

  /** Every live key, for KEYS / SCAN / RANDOMKEY; deletes expired ones met on the way. */
  *liveKeys(): IterableIterator<string> {
    const now = this.host.now();
    for (const key of this.map.keys()) {
      if (this.expires.size !== 0) {
        const at = this.expires.get(key);
        if (at !== undefined && at <= now) {
          this.expire(key);
          continue;
        }
      }
      yield key;
    }
  }
}
