// Time as the schedules see it: the system's, or a test's fake one that moves only when told (so no test
// waits for a real minute to see a rate(1 minute) schedule fire).

export interface ScheduleClock {
  now(): number;
  setTimer(callback: () => void, delayMs: number): unknown;
  clearTimer(handle: unknown): void;
}

/** Node's setTimeout cannot wait longer than this; a later run is reached by waking up on the way. */
export const MAX_TIMER_MS = 2_147_483_647;

export const systemClock: ScheduleClock = {
  now: () => Date.now(),
  setTimer: (callback, delayMs) => {
    const timer = setTimeout(callback, Math.min(Math.max(0, delayMs), MAX_TIMER_MS));
    // A schedule waiting for its next run must not keep a finished CLI command alive.
    timer.unref();
    return timer;
  },
  clearTimer: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
