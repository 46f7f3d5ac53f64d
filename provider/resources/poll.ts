import { Clock, sleep } from "./clock";

/**
 * Runs `round` at once, then `intervalMs` after each round that did not answer (returned
 * undefined), and resolves with the first answer. `pastDeadline` tells a round whether the clock
 * has reached `deadline`: each caller decides what running out of time means to it, and whether it
 * asks before or after its look at Aculab.
 */
export async function pollUntil<T>(
  clock: Clock,
  { intervalMs, deadline }: { intervalMs: number; deadline: number },
  round: (pastDeadline: () => boolean) => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const pastDeadline = () => clock.now() >= deadline;
  for (;;) {
    const answer = await round(pastDeadline);
    if (answer !== undefined) return answer;
    await sleep(clock, intervalMs);
  }
}
