/**
 * The only source of time in Respite. TTLs, EXPIRETIME, TIME, blocking timeouts and the expiry
 * wheel all read it, so tests can freeze it or drive it forward instead of sleeping.
 */
export class Clock {
  /** Offset added to the wall clock while running; the fixed time while frozen. */
  private offset = 0;
  private frozenAt: number | null = null;
  private listeners: Array<() => void> = [];

  /** Milliseconds since the epoch, as Redis's mstime(). */
  now(): number {
    return this.frozenAt !== null ? this.frozenAt : Date.now() + this.offset;
  }

  /** Microseconds since the epoch (TIME); sub-millisecond part from the monotonic clock. */
  nowMicros(): number {
    if (this.frozenAt !== null) return this.frozenAt * 1000;
    const ms = Date.now() + this.offset;
    return ms * 1000 + (Math.floor(performance.now() * 1000) % 1000);
  }

  /** Moves time forward by ms (frozen or not) and lets the expiry wheel and timeouts catch up. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('advance() needs a finite, non-negative ms');
    if (this.frozenAt !== null) this.frozenAt += ms;
    else this.offset += ms;
    this.changed();
  }

  /** Stops time at its current value until resume(). */
  freeze(): void {
    if (this.frozenAt === null) this.frozenAt = this.now();
  }

  /** Sets the current time (a Date or epoch ms); stays frozen if frozen. */
  set(date: Date | number): void {
    const ms = typeof date === 'number' ? date : date.getTime();
    if (!Number.isFinite(ms)) throw new RangeError('set() needs a valid date');
    if (this.frozenAt !== null) this.frozenAt = ms;
    else this.offset = ms - Date.now();
    this.changed();
  }

  /** Lets time run again from where it stands now. */
  resume(): void {
    if (this.frozenAt === null) return;
    this.offset = this.frozenAt - Date.now();
    this.frozenAt = null;
    this.changed();
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }

  /** Registers a callback run whenever time jumps (advance / set / resume). */
  onChange(fn: () => void): void {
    this.listeners.push(fn);
  }

  private changed(): void {
    for (const fn of this.listeners) fn();
  }
}
