import type { AnyResourceLifecycle } from "../../provider/resources";

/**
 * For the door tests: the lifecycle as it is, recording each method a door asks of it and the
 * arguments it hands over, in order.
 */
export function recordingLifecycle(lifecycle: AnyResourceLifecycle) {
  const calls: Array<[string, unknown[]]> = [];
  const recording = Object.fromEntries(
    Object.entries(lifecycle).map(([method, value]) => [
      method,
      typeof value === "function"
        ? (...args: unknown[]) => {
            calls.push([method, args]);
            return value(...args);
          }
        : value,
    ]),
  ) as unknown as AnyResourceLifecycle;
  return { lifecycle: recording, calls };
}
