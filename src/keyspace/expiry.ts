/**
 * A hierarchical timing wheel of key deadlines, one per database: O(1) schedule, O(1) cancel.
 * Cancel is lazy: a slot holds key names, and when a slot fires each key's current deadline is
 * re-read from the database, so a key whose TTL changed or was removed is simply re-filed or dropped.
 * Four levels of 64 slots at 10 ms ticks span ~46 hours; later deadlines wait in an overflow set.
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
}

export class ExpiryWheel {
  private levels: Array<Array<Set<string> | undefined>> = [];
  private overflow = new Set<string>();
  /** The tick up to which everything has fired. */
  private current: number;
  /** Entries filed, including stale ones; lets an idle wheel skip time instantly. */
  private filed = 0;

  constructor(private target: ExpiryTarget, nowMs: number) {
    for (let l = 0; l < LEVELS; l++) this.levels.push(new Array(SLOTS));
    this.current = Math.floor(nowMs / TICK_MS);
  }

  /** Files a key under its deadline (ms since epoch). Calling it again for a new deadline is fine. */
  schedule(key: string, deadlineMs: number): void {
    const tick = Math.ceil(deadlineMs / TICK_MS);
    this.file(key, tick <= this.current ? this.current + 1 : tick);
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
   * Fires every slot up to nowMs, deleting due keys. Stops early once `budgetMs` of CPU is spent
   * (so a million keys expiring together cannot stall clients) and returns false if work remains.
   */
  advance(nowMs: number, budgetMs: number): boolean {
    const target = Math.floor(nowMs / TICK_MS);
    if (this.filed === 0) {
      if (target > this.current) this.current = target;
      return true;
    }
    if (target - this.current > SPAN[2]) this.refile(target);
    const started = performance.now();
    while (this.current < target || this.levels[0][this.current & MASK] !== undefined) {
      const slot = this.current & MASK;
      const set = this.levels[0][slot];
      if (set !== undefined) {
        if (!this.drain(set, nowMs, started, budgetMs)) return false;
        if (set.size === 0 && this.levels[0][slot] === set) this.levels[0][slot] = undefined;
      }
      if (this.current >= target) break;
      this.current++;
      this.cascade();
    }
    return true;
  }

  private drain(set: Set<string>, nowMs: number, started: number, budgetMs: number): boolean {
    let n = 0;
    for (const key of set) {
      set.delete(key);
      this.filed--;
      const deadline = this.target.deadlineOf(key);
      if (deadline !== undefined) {
        if (deadline <= nowMs) this.target.expire(key);
        else this.schedule(key, deadline);
      }
      if ((++n & 1023) === 0 && performance.now() - started > budgetMs) return false;
    }
    return true;
  }

  /** On entering a new slot of a level, moves the matching slot of the level above down. */
  private cascade(): void {
    for (let l = 1; l < LEVELS; l++) {
      if (this.current % SPAN[l] !== 0) return;
      const slots = this.levels[l];
      const idx = Math.floor(this.current / SPAN[l]) & MASK;
      const set = slots[idx];
      if (set !== undefined) {
        slots[idx] = undefined;
        this.filed -= set.size;
        for (const key of set) this.refileKey(key);
      }
    }
    if (this.current % SPAN[LEVELS] === 0 && this.overflow.size > 0) {
      const set = this.overflow;
      this.overflow = new Set();
      this.filed -= set.size;
      for (const key of set) this.refileKey(key);
    }
  }

  private refileKey(key: string): void {
    const deadline = this.target.deadlineOf(key);
    if (deadline !== undefined) this.file(key, Math.max(this.current, Math.ceil(deadline / TICK_MS)));
  }

  /** A big jump of the clock: re-file every entry against the new time instead of stepping tick by tick. */
  private refile(targetTick: number): void {
    const all: Set<string>[] = [this.overflow];
    for (const slots of this.levels) for (let i = 0; i < SLOTS; i++) if (slots[i] !== undefined) all.push(slots[i]!);
    for (const slots of this.levels) slots.fill(undefined);
    this.overflow = new Set();
    this.filed = 0;
    this.current = targetTick;
    for (const set of all) for (const key of set) this.refileKey(key);
  }
}
