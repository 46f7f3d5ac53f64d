/** The time and the timers the account waits on, injected so that tests can move them. */
export interface Clock {
  now(): number;
  /** Calls `callback` after `ms`; the function returned cancels it. */
  schedule(ms: number, callback: () => void): () => void;
}

/** The machine's clock, looked up at each call so that a test's fake timers stand in for it. */
export const systemClock: Clock = {
  now: () => Date.now(),
  schedule(ms, callback) {
    const timer = setTimeout(callback, ms);
    return () => clearTimeout(timer);
  },
};

export const sleep = (clock: Clock, ms: number): Promise<void> =>
  new Promise((resolve) => clock.schedule(ms, resolve));
