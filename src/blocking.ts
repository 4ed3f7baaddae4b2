/**
 * Blocked clients (BLPOP, BLMOVE, BZPOPMIN…). A blocking handler that finds nothing to pop calls
 * `block()`; writes that add elements call `db.signalReady(key)`; after each top-level command (and
 * after EXEC) the server re-runs the blocked commands of ready keys in arrival order, so the first
 * client blocked is served first and a served push is never seen by anyone else.
 */
import type { Client } from './connection';
import type { CommandSpec } from './command';
import type { Database } from './keyspace/database';

export interface BlockState {
  db: Database;
  keys: string[];
  /** Absolute deadline on the server clock in ms; 0 waits forever. */
  deadline: number;
  spec: CommandSpec;
  argv: string[];
  /** Writes the reply for a timeout (a null array for pops, a null bulk for moves). */
  onTimeout: (c: Client) => void;
  timer: NodeJS.Timeout | null;
}

/** Server-side registry of blocked clients and ready keys. */
export class Blocking {
  readonly clients = new Set<Client>();
  private ready: Array<[Database, string]> = [];
  private readySet = new Set<string>();
  /** True while a blocked command is being re-run: block() then keeps the client blocked. */
  private rerunning: Client | null = null;
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

  private arm(c: Client): void {
    const b = c.blocked;
    if (b === null || b.deadline === 0) return;
    if (b.timer !== null) clearTimeout(b.timer);
    const wait = Math.max(0, b.deadline - this.now());
    b.timer = setTimeout(() => {
      if (c.blocked !== b) return;
      b.timer = null;
      if (this.now() >= b.deadline) this.timeout(c);
      else this.arm(c);
    }, Math.min(wait, 2 ** 31 - 1));
  }

  /** Re-checks every deadline (the clock jumped). */
  checkTimeouts(): void {
    const now = this.now();
    for (const c of [...this.clients]) if (c.blocked !== null && c.blocked.deadline !== 0 && now >= c.blocked.deadline) this.timeout(c);
  }

  /** Ends a block with the command's timeout reply. */
  timeout(c: Client): void {
    const b = c.blocked;
    if (b === null) return;
    this.unblock(c);
    b.onTimeout(c);
    this.resume(c);
  }

  /** Removes the client from every key it waits on; no reply. */
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
          if (!db.has(key)) break;
          this.rerunning = c;
          this.stillBlocked = false;
          try {
            c.server.call(c, b.spec, b.argv);
          } finally {
            this.rerunning = null;
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
