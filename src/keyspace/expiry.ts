/**
 * A hierarchical timing wheel of key deadlines, one per database: O(1) schedule, O(1) cancel.
 * Cancel is lazy: a slot holds key names, and when a slot fires each key's current deadline is
 * re-read from the database, so a key whose TTL changed or was removed is simply re-filed or dropped.
 * Four levels of 64 slots at 10 ms ticks span ~46 hours; later deadlines wait in an overflow set.
 * Slots that fire or cascade are detached into a work queue processed under a CPU budget, so even a
 * cascade of a million keys is spread over several event-loop turns.
 */
export const TICK_MS = 10;
const BITS = 6;
const SLOTS = 1 << BITS;
const MASK = SLOTS - 1;
const LEVELS = 4;
const SPAN = [1, SLOTS, SLOTS ** 2, SLOTS ** 3, SLOTS ** 4];

/** What the wheel needs from its database. */
export interface ExpiryTarget {
  /** The key's current deadline in ms, or undefined when it has none (or no longer exists). */
  deadlineOf(key: string): number | undefined;
  /** Removes a key whose deadline passed (with its notifications). */
  expire(key: string): void;
  /** How many keys have a deadline now: lets the wheel notice when stale entries pile up. */
  readonly expiresCount: number;
}

/** Stale entries tolerated beyond one per live deadline before the wheel compacts itself. */
const COMPACT_SLACK = 4096;

export class ExpiryWheel {
  private levels: Array<Array<Set<string> | undefined>> = [];
  private overflow = new Set<string>();
  /** The tick up to which everything has fired. */
  private current: number;
  /** Entries filed (in slots or still queued), including stale ones; lets an idle wheel skip time instantly. */
  private filed = 0;
  /** Detached slot sets still being worked through, oldest first (see work()). */
  private queue: Array<Iterator<string>> = [];

  /** `slack`: stale entries tolerated beyond one per live deadline before compacting (tests lower it). */
  constructor(private target: ExpiryTarget, nowMs: number, private slack = COMPACT_SLACK) {
    for (let l = 0; l < LEVELS; l++) this.levels.push(new Array(SLOTS));
    this.current = Math.floor(nowMs / TICK_MS);
  }

  /** Files a key under its deadline (ms since epoch). Calling it again for a new deadline is fine. */
  schedule(key: string, deadlineMs: number): void {
    const tick = Math.ceil(deadlineMs / TICK_MS);
    // An empty wheel may stand ahead of a clock that was set back: re-base it instead of filing
    // the key at current + 1, which that clock would not reach until the wheel's old time.
    if (this.filed === 0 && tick <= this.current) this.current = tick - 1;
    this.file(key, tick <= this.current ? this.current + 1 : tick);
    // Cancel is lazy, so deleted keys and changed TTLs leave entries (and key strings) behind until
    // their old slot fires. When they outnumber the live deadlines, re-file everything: stale entries
    // drop out and duplicates merge. Amortized O(1): it takes that many stale entries to trigger it.
    if (this.bloated()) this.rebase(this.current);
  }

  private bloated(): boolean {
    return this.filed > 2 * this.target.expiresCount + this.slack && this.queue.length === 0;
  }

  /** Forgets every entry (FLUSHDB / FLUSHALL emptied the database). */
  clear(): void {
    for (const slots of this.levels) slots.fill(undefined);
    this.overflow = new Set();
    this.queue.length = 0;
    this.filed = 0;
  }

  /** Points the wheel at another database (SWAPDB moves a wheel along with its keys). */
  retarget(target: ExpiryTarget): void {
    this.target = target;
  }

  get size(): number {
    return this.filed;
  }

  private file(key: string, tick: number): void {
    const delta = tick - this.current;
    let set: Set<string> | undefined;
    if (delta >= SPAN[LEVELS]) {
      set = this.overflow;
    } else {
      let l = 0;
      while (delta >= SPAN[l + 1]) l++;
      const slots = this.levels[l];
      const idx = Math.floor(tick / SPAN[l]) & MASK;
      set = slots[idx];
      if (set === undefined) set = slots[idx] = new Set();
    }
    if (!set.has(key)) {
      set.add(key);
      this.filed++;
    }
  }

  /**
   * Fires every slot up to nowMs: due keys are deleted, the others re-filed closer to their deadline.
   * Stops once `budgetMs` of CPU is spent (so a million keys expiring together cannot stall clients)
   * and returns false if work remains; the next call resumes exactly where this one stopped.
   */
  advance(nowMs: number, budgetMs: number): boolean {
    const target = Math.floor(nowMs / TICK_MS);
    if (this.filed === 0) {
      this.current = target;
      this.queue.length = 0;
      return true;
    }
    // A big jump forward, or the clock set back: re-file everything against the new time.
    if (target - this.current > SPAN[2] || target < this.current) this.rebase(target);
    else if (this.bloated()) this.rebase(this.current);
    const started = performance.now();
    for (;;) {
      if (this.queue.length !== 0 && !this.work(nowMs, started, budgetMs)) return false;
      const idx = this.current & MASK;
      const set = this.levels[0][idx];
      if (set !== undefined) {
        this.levels[0][idx] = undefined;
        this.queue.push(set.values());
        continue;
      }
      if (this.current >= target) return true;
      this.current++;
      this.cascade();
    }
  }

  /**
   * Works through the detached sets: each key's deadline is re-read (cancel is lazy), due keys are
   * expired at once (also those met while cascading down, saving a second pass) and the rest are
   * re-filed. Iterating without deleting keeps it to one hash lookup per key besides the expiry.
   */
  private work(nowMs: number, started: number, budgetMs: number): boolean {
    const queue = this.queue;
    const target = this.target;
    let n = 0;
    while (queue.length !== 0) {
      const it = queue[0];
      for (let r = it.next(); r.done !== true; r = it.next()) {
        const key = r.value;
        this.filed--;
        const deadline = target.deadlineOf(key);
        if (deadline !== undefined) {
          // Not due means its tick is after `current` (deadline > now >= current * TICK_MS).
          if (deadline <= nowMs) target.expire(key);
          else this.file(key, Math.ceil(deadline / TICK_MS));
        }
        if ((++n & 255) === 0 && performance.now() - started > budgetMs) return false;
      }
      queue.shift();
    }
    return true;
  }

  /** On entering a new slot of a level, detaches the matching slot of the level above for re-filing. */
  private cascade(): void {
    for (let l = 1; l < LEVELS; l++) {
      if (this.current % SPAN[l] !== 0) return;
      const slots = this.levels[l];
      const idx = Math.floor(this.current / SPAN[l]) & MASK;
      const set = slots[idx];
      if (set !== undefined) {
        slots[idx] = undefined;
        this.queue.push(set.values());
      }
    }
    if (this.current % SPAN[LEVELS] === 0 && this.overflow.size > 0) {
      this.queue.push(this.overflow.values());
      this.overflow = new Set();
    }
  }

  /** Re-bases the wheel on a new tick: every filed set is detached and re-filed (budgeted) from there. */
  private rebase(targetTick: number): void {
    for (const slots of this.levels) {
      for (let i = 0; i < SLOTS; i++) {
        const set = slots[i];
        if (set !== undefined) {
          slots[i] = undefined;
          this.queue.push(set.values());
        }
      }
    }
    if (this.overflow.size > 0) {
      this.queue.push(this.overflow.values());
      this.overflow = new Set();
    }
    this.current = targetTick;
  }
}
