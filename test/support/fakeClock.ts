import { Clock } from "../../provider/resources/clock";

/**
 * A clock only the test moves: `advance` runs every timer that falls due, in order of when, and
 * lets the promises each one settles run before the next (as the event loop would).
 */
export function fakeClock(start = 0) {
  let now = start;
  let nextId = 0;
  const timers = new Map<number, { at: number; id: number; callback: () => void }>();
  const settle = async () => {
    for (let i = 0; i < 10; i++) await Promise.resolve();
  };
  const clock: Clock = {
    now: () => now,
    schedule(ms, callback) {
      const id = nextId++;
      timers.set(id, { at: now + ms, id, callback });
      return () => timers.delete(id);
    },
  };
  return {
    clock,
    now: () => now,
    async advance(ms: number) {
      const until = now + ms;
      await settle();
      for (;;) {
        const due = [...timers.values()]
          .filter((t) => t.at <= until)
          .sort((a, b) => a.at - b.at || a.id - b.id)[0];
        if (!due) break;
        timers.delete(due.id);
        now = due.at;
        due.callback();
        await settle();
      }
      now = until;
    },
  };
}
