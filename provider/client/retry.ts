import { z } from "zod";

export const retryPolicySchema = z.object({
  maxAttempts: z.number().int().min(1).default(4),
  baseDelayMs: z.number().int().min(0).default(200),
  maxDelayMs: z.number().int().min(0).default(2_000),
  /** No new attempt starts after this long since the first one. */
  maxElapsedMs: z.number().int().min(0).default(20_000),
});
export type RetryPolicy = z.output<typeof retryPolicySchema>;

/** Full jitter (AWS architecture blog): spreads retries of many clients hit by the same fault. */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

export async function withRetry<T>(
  policy: RetryPolicy,
  shouldRetry: (error: unknown) => boolean,
  attemptOnce: () => Promise<T>,
): Promise<T> {
  const started = Date.now();
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce();
    } catch (error) {
      const delay = backoffDelay(policy, attempt);
      const outOfAttempts = attempt + 1 >= policy.maxAttempts;
      const outOfTime = Date.now() - started + delay > policy.maxElapsedMs;
      if (outOfAttempts || outOfTime || !shouldRetry(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
