/**
 * Blocked clients (BLPOP, BLMOVE, BZPOPMIN…). A blocking handler that finds nothing to pop calls
 * `block()`; writes that add elements call `db.signalReady(key)`; after each top-level command (and
 * after EXEC) the server re-runs the blocked commands of ready keys, keys in the order they became
 * ready and clients of a key in arrival order, so the first client blocked is served first and a
 * served push is never seen by anyone else. A re-run handler asks `servingKey(c)` to pop from the
 * key that became ready only, as Redis serves a client from the ready key rather than its first key.
 */
import type { Client } from './connection';
import type { CommandSpec } from './command';
import type { Database } from './keyspace/database';
import { fail, TIMEOUT_NEGATIVE, TIMEOUT_NOT_FLOAT } from './errors';
import { parseLongDouble } from '../commands/longdouble';

export interface BlockState {
  db: Database;
  keys: string[];
  /** Absolute deadline on the server clock in ms; 0 waits forever. */
  deadline: number;
  spec: CommandSpec;
  argv: string[];
  /** Writes the reply for a timeout (Redis 7.0 answers a null array for every list/zset block). */
  onTimeout: (c: Client) => void;
  timer: NodeJS.Timeout | null;
}

/** What CLIENT UNBLOCK asks for: the timeout reply, or an UNBLOCKED error. */
export type UnblockMode = 'timeout' | 'error';

/** The error CLIENT UNBLOCK … ERROR gives the blocked client. */
export const UNBLOCKED_ERROR = 'UNBLOCKED client unblocked via CLIENT UNBLOCK';

/** Server-side registry of blocked clients and ready keys. */
export class Blocking {
  /** Every blocked client (INFO blocked_clients is its size). */
  readonly clients = new Set<Client>();
  private ready: Array<[Database, string]> = [];
  private readySet = new Set<string>();
  /** The client whose blocked command is being re-run (block() then keeps it blocked) and its ready key. */
  private rerunning: Client | null = null;
  private rerunKey: string | null = null;
  private stillBlocked = false;

  constructor(private now: () => number) {}

  /**
   * Blocks the client on keys until one is ready or the deadline passes. Returns false when the
   * client may not block (inside MULTI/EXEC): the handler then answers as its non-blocking form.
   */
  block(c: Client, spec: CommandSpec, argv: string[], keys: string[], deadline: number, onTimeout: (c: Client) => void): boolean {
    if (this.rerunning === c) {
      this.stillBlocked = true;
      return true;
    }
    if (c.server.inExec === c) return false;
    const db = c.db;
    if (db.blocked === null) db.blocked = new Map();
    for (const key of keys) {
      let set = db.blocked.get(key);
      if (set === undefined) db.blocked.set(key, (set = new Set()));
      set.add(c);
    }
    c.blocked = { db, keys, deadline, spec, argv, onTimeout, timer: null };
    this.clients.add(c);
    this.arm(c);
    return true;
  }

  /** During a re-run of c's blocked command: the key that became ready (pop only from it); else null. */
  servingKey(c: Client): string | null {
    return this.rerunning === c ? this.rerunKey : null;
  }

  /** Starts (or restarts) the real-time timer that ends the block at its deadline on the server clock. */
  private arm(c: Client): void {
    const b = c.blocked;
    if (b === null || b.deadline === 0) return;
    if (b.timer !== null) clearTimeout(b.timer);
    // Redis times out once now > deadline; +1 so the timer does not wake a millisecond early and spin.
    const wait = Math.max(1, b.deadline - this.now() + 1);
    b.timer = setTimeout(() => {
      if (c.blocked !== b) return;
      b.timer = null;
      if (this.now() > b.deadline) this.timeout(c);
      else this.arm(c);
    }, Math.min(wait, 2 ** 31 - 1));
  }

  /** Re-checks every deadline (the clock jumped). */
  checkTimeouts(): void {
    if (this.clients.size === 0) return;
    const now = this.now();
    for (const c of [...this.clients]) {
      const b = c.blocked;
      if (b === null || b.deadline === 0) continue;
      if (now > b.deadline) this.timeout(c);
      else this.arm(c);
    }
  }

  /** Ends a block with the command's timeout reply. */
  timeout(c: Client): void {
    const b = c.blocked;
    if (b === null) return;
    this.unblock(c);
    b.onTimeout(c);
    this.resume(c);
  }

  /**
   * CLIENT UNBLOCK: ends c's block with its timeout reply or an UNBLOCKED error. Returns false if
   * the client was not blocked.
   */
  unblockByClient(c: Client, mode: UnblockMode): boolean {
    const b = c.blocked;
    if (b === null) return false;
    this.unblock(c);
    if (mode === 'timeout') b.onTimeout(c);
    else c.out.error(UNBLOCKED_ERROR);
    this.resume(c);
    return true;
  }

  /** Removes the client from every key it waits on; no reply (disconnects, shutdown). */
  unblock(c: Client): void {
    const b = c.blocked;
    if (b === null) return;
    if (b.timer !== null) clearTimeout(b.timer);
    const map = b.db.blocked;
    if (map !== null) {
      for (const key of b.keys) {
        const set = map.get(key);
        if (set !== undefined) {
          set.delete(c);
          if (set.size === 0) map.delete(key);
        }
      }
    }
    c.blocked = null;
    this.clients.delete(c);
  }

  /** Called by the database when a key with blocked clients got elements. */
  keyReady(db: Database, key: string): void {
    const id = db.id + '\0' + key;
    if (this.readySet.has(id)) return;
    this.readySet.add(id);
    this.ready.push([db, key]);
  }

  /**
   * Marks every key of db that blocked clients wait on and that now holds a value as ready (after
   * SWAPDB or anything else that replaces a database's contents wholesale, as Redis's
   * scanDatabaseForReadyKeys).
   */
  scanReadyKeys(db: Database): void {
    if (db.blocked === null) return;
    for (const key of db.blocked.keys()) if (db.has(key)) this.keyReady(db, key);
  }

  get hasReady(): boolean {
    return this.ready.length !== 0;
  }

  /** Serves clients blocked on ready keys, first come first served, until nothing is ready. */
  serveReady(): void {
    while (this.ready.length !== 0) {
      const batch = this.ready;
      this.ready = [];
      this.readySet.clear();
      for (const [db, key] of batch) {
        const set = db.blocked?.get(key);
        if (set === undefined) continue;
        for (const c of [...set]) {
          const b = c.blocked;
          if (b === null) continue;
          const value = db.get(key);
          if (value === undefined) break;
          // Redis 7.0 serves only clients waiting for this key's type: a BLPOP client stays blocked
          // while the key holds a zset (and the other way round).
          const wants = wantedType(b.spec);
          if (wants !== null && (typeof value === 'string' || value.type !== wants)) continue;
          this.rerunning = c;
          this.rerunKey = key;
          this.stillBlocked = false;
          try {
            c.server.call(c, b.spec, b.argv);
          } finally {
            this.rerunning = null;
            this.rerunKey = null;
          }
          if (!this.stillBlocked) {
            this.unblock(c);
            this.resume(c);
          }
        }
      }
    }
  }

  /** After a block ends, the client's pipelined commands run and its output is flushed. */
  private resume(c: Client): void {
    c.server.scheduleFlush(c);
    setImmediate(() => {
      if (c.closed || c.blocked !== null) return;
      c.processInput();
      c.flush();
    });
  }
}

/** The value type a blocked command pops from, from its COMMAND DOCS group. */
function wantedType(spec: CommandSpec): 'list' | 'zset' | null {
  if (spec.group === 'list') return 'list';
  if (spec.group === 'sorted_set') return 'zset';
  return null;
}

const TWO64 = 1n << 64n;
const TWO63 = 1n << 63n;

/**
 * A blocking command's timeout in seconds as Redis 7.0 reads it: strtold (decimal, hex, inf; no
 * spaces, no nan), `ftval * 1000` and `(long long) ceill(…)` in x87 long double, so values beyond
 * the int64 range (inf, 1e19…) become LLONG_MIN ("timeout is negative") and -0.001 rounds to -0
 * (forever). Returns the absolute deadline on the server clock, or 0 to wait forever.
 */
export function parseTimeout(s: string, now: number): number {
  const ms = timeoutMs(s);
  if (ms === null) fail(TIMEOUT_NOT_FLOAT);
  if (ms < 0) fail(TIMEOUT_NEGATIVE);
  return ms === 0 ? 0 : now + ms;
}

/** Milliseconds (negative: "timeout is negative"), or null when string2ld rejects the text. */
function timeoutMs(s: string): number | null {
  // Whole seconds (the usual "0", "5", "30") are exact in any precision.
  if (s.length < 10 && /^[0-9]+$/.test(s)) return Number(s) * 1000;
  const v = parseLongDouble(s);
  if (v === null) return null;
  if (v.inf) return -1;
  if (v.m === 0n) return 0;
  // v * 1000 rounded to a 64-bit significand, ties to even, as the FPU multiplies.
  let m = v.m * 1000n;
  let e = v.e;
  const excess = m.toString(2).length - 64;
  if (excess > 0) {
    const k = BigInt(excess);
    let q = m >> k;
    const rem = m - (q << k);
    const half = 1n << (k - 1n);
    if (rem > half || (rem === half && (q & 1n) === 1n)) q++;
    if (q === TWO64) {
      q >>= 1n;
      e++;
    }
    m = q;
    e += excess;
  }
  // ceill, then the cast: magnitudes from 2^63 up give LLONG_MIN.
  let whole: bigint;
  if (e >= 0) {
    if (m.toString(2).length + e > 63) return -1;
    whole = m << BigInt(e);
  } else {
    const k = BigInt(-e);
    whole = m >> k;
    if (!v.neg && whole << k !== m) whole++;
  }
  if (whole >= TWO63) return -1;
  if (v.neg) return whole === 0n ? 0 : -Number(whole);
  return Number(whole);
}
