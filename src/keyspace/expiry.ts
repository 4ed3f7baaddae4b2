/**
 * A hierarchical timing wheel of key deadlines, one per database: O(1) schedule, O(1) cancel.
 * Cancel is lazy: a slot holds key names, and when a slot fires each key's current deadline is
 * re-read from the database, so a key whose TTL changed or was removed is simply re-filed or dropped.
 * Level 0 has 128 slots of one 10 ms tick, levels 1-3 have 64 slots of 64, 4096 and 262144 ticks:
 * together ~46 hours; later deadlines wait in an overflow set.
 * Level 1 cascades one slot AHEAD: on entering a 64-tick window, the level-1 slot of the NEXT window
 * is re-filed into level 0 (which is two windows wide for that). A cascade of a few hundred thousand
 * keys then has a whole window (640 ms) to finish, and it runs only after the due level-0 slots have
 * fired: firing and cascading use separate work queues, both processed under a CPU budget, so
 * neither a big cascade nor a million keys due together stall clients or delay due keys.
 */
export const TICK_MS = 10;
const LEVELS = 4;
/** Slots per level. */
const SLOTS = [128, 64, 64, 64];
/** Ticks per slot at each level. */
const UNIT = [1, 64, 4096, 262144];
/** A deadline this many ticks ahead (or more) no longer fits the level (the last one: overflow). */
const REACH = [128, 4096, 262144, 16777216];
/** The level-1 window: level 0 must hold the current one and the next. */
const WINDOW = UNIT[1];

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
  /** Detached level-0 slots being fired, oldest first (see work()). */
  private fireQueue: Array<Iterator<string>> = [];
  /** Detached higher-level slots (and rebases) being re-filed; worked after the fire queue. */
  private cascadeQueue: Array<Iterator<string>> = [];

  /** `slack`: stale entries tolerated beyond one per live deadline before compacting (tests lower it). */
  constructor(private target: ExpiryTarget, nowMs: number, private slack = COMPACT_SLACK) {
    for (let l = 0; l < LEVELS; l++) this.levels.push(new Array(SLOTS[l]));
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
    return this.filed > 2 * this.target.expiresCount + this.slack && this.fireQueue.length === 0 && this.cascadeQueue.length === 0;
  }

  /** Forgets every entry (FLUSHDB / FLUSHALL emptied the database). */
  clear(): void {
    for (const slots of this.levels) slots.fill(undefined);
    this.overflow = new Set();
    this.fireQueue.length = 0;
    this.cascadeQueue.length = 0;
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
    if (delta >= REACH[LEVELS - 1]) {
      set = this.overflow;
    } else {
      let l = 0;
      while (delta >= REACH[l]) l++;
      // Level 1 only ever holds windows after the next one (that one is cascaded already).
      if (l === 1 && Math.floor(tick / WINDOW) <= Math.floor(this.current / WINDOW) + 1) l = 0;
      const slots = this.levels[l];
      const idx = Math.floor(tick / UNIT[l]) % SLOTS[l];
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
      this.fireQueue.length = 0;
      this.cascadeQueue.length = 0;
      return true;
    }
    // A big jump forward, or the clock set back: re-file everything against the new time.
    if (target - this.current > UNIT[2] || target < this.current) this.rebase(target);
    else if (this.bloated()) this.rebase(this.current);
    const started = performance.now();
    const level0 = this.levels[0];
    for (;;) {
      if (this.fireQueue.length !== 0 && !this.work(this.fireQueue, nowMs, started, budgetMs)) return false;
      const idx = this.current % SLOTS[0];
      const set = level0[idx];
      if (set !== undefined) {
        level0[idx] = undefined;
        this.fireQueue.push(set.values());
        continue;
      }
      if (this.current >= target) break;
      this.current++;
      this.cascade();
    }
    // Due keys are done; cascades (a window ahead) and rebases take what is left of the budget.
    return this.cascadeQueue.length === 0 || this.work(this.cascadeQueue, nowMs, started, budgetMs);
  }

  /**
   * Works through the detached sets: each key's deadline is re-read (cancel is lazy), due keys are
   * expired at once (also those met while cascading down, saving a second pass) and the rest are
   * re-filed. Iterating without deleting keeps it to one hash lookup per key besides the expiry.
   */
  private work(queue: Array<Iterator<string>>, nowMs: number, started: number, budgetMs: number): boolean {
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

  /**
   * On entering a new slot of a level, detaches a slot of the level above for re-filing: for level 1
   * the slot of the NEXT window (level 0 spans two), for levels 2 and 3 the slot now starting.
   */
  private cascade(): void {
    if (this.current % UNIT[1] !== 0) return;
    this.detach(1, Math.floor(this.current / UNIT[1]) + 1);
    for (let l = 2; l < LEVELS; l++) {
      if (this.current % UNIT[l] !== 0) return;
      this.detach(l, Math.floor(this.current / UNIT[l]));
    }
    if (this.current % (UNIT[LEVELS - 1] * SLOTS[LEVELS - 1]) === 0 && this.overflow.size > 0) {
      this.cascadeQueue.push(this.overflow.values());
      this.overflow = new Set();
    }
  }

  private detach(level: number, slotNumber: number): void {
    const slots = this.levels[level];
    const idx = slotNumber % SLOTS[level];
    const set = slots[idx];
    if (set !== undefined) {
      slots[idx] = undefined;
      this.cascadeQueue.push(set.values());
    }
  }

  /** Re-bases the wheel on a new tick: every filed set is detached and re-filed (budgeted) from there. */
  private rebase(targetTick: number): void {
    for (const slots of this.levels) {
      for (let i = 0; i < slots.length; i++) {
        const set = slots[i];
        if (set !== undefined) {
          slots[i] = undefined;
          this.cascadeQueue.push(set.values());
        }
      }
    }
    if (this.overflow.size > 0) {
      this.cascadeQueue.push(this.overflow.values());
      this.overflow = new Set();
    }
    this.current = targetTick;
  }
}
