import type { Clock } from "./clock";

/** Events that may share one clock reading. */
const BURST_EVENTS = 64;
const settled = Promise.resolve();

/**
 * A session's clock for its log, read once per synchronous burst of events rather than per event: a turn's ~30 events
 * come in a few bursts microseconds long, `at` has millisecond resolution, and each read cost ~60 ns. The reading is
 * dropped at the next microtask (the burst is over by then: anything that waits lets microtasks run first), and re-read
 * every BURST_EVENTS events so a long stretch of nodes cannot drift.
 */
export class BurstClock {
  /** The reading shared by the current burst, and how many more events may share it (-1: no burst). */
  private at = 0;
  private left = -1;
  /** Bound once: a fresh closure per burst would cost as much as the clock reads it saves. */
  private readonly endBurst = () => {
    this.left = -1;
  };

  constructor(private readonly clock: Clock) {}

  now(): number {
    if (this.left > 0) {
      this.left -= 1;
      return this.at;
    }
    if (this.left < 0) void settled.then(this.endBurst);
    this.left = BURST_EVENTS - 1;
    this.at = this.clock.now();
    return this.at;
  }
}
