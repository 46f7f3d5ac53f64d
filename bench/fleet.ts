import { outputNames } from "../provider/model";

/**
 * One fleet the bench deploys: `count` numbers as InboundNumbers, as NumberBlocks of `blockSize`,
 * or mixed (half, rounded up, as InboundNumbers and the rest as NumberBlocks).
 */
export type Shape = "numbers" | "blocks" | "mixed";

export interface Fleet {
  shape: Shape;
  count: number;
  locations: number;
  blockSize: number;
}

/**
 * Our provider through the dynamic door; through the plugin door (the Node SDK's classes, run by
 * the native plugin); the same-shape floor (same resources, inputs and declared outputs, no I/O); the
 * lightest floor (as many resources, two inputs, no declared output, no I/O).
 */
export type ProviderKind = "aculab" | "plugin" | "floor" | "lightest";

/** The bench program's environment for a fleet (see bench/program/index.js). */
export function fleetEnv(fleet: Fleet, provider: ProviderKind): Record<string, string> {
  return {
    BENCH_SHAPE: fleet.shape,
    BENCH_COUNT: String(fleet.count),
    BENCH_LOCATIONS: String(fleet.locations),
    BENCH_BLOCK_SIZE: String(fleet.blockSize),
    BENCH_PROVIDER: provider,
    // The floor declares the same output properties as our classes: the Node SDK's cost per
    // resource grows with them, and they are the program's shape, not our provider's work.
    BENCH_OUTPUTS: [
      ...new Set([
        ...(fleet.shape === "blocks" ? [] : outputNames("InboundNumber")),
        ...(fleet.shape === "numbers" ? [] : outputNames("NumberBlock")),
      ]),
    ].join(","),
  };
}

/** How many resources the program declares. */
export function resourceCount(fleet: Fleet): number {
  const blocks = (numbers: number) => Math.ceil(numbers / fleet.blockSize);
  if (fleet.shape === "numbers") return fleet.count;
  if (fleet.shape === "blocks") return blocks(fleet.count);
  const single = Math.ceil(fleet.count / 2);
  return single + blocks(fleet.count - single);
}

/** Locations actually used: a fleet smaller than the location list leaves some empty. */
export function locationsUsed(fleet: Fleet): number {
  return Math.min(fleet.locations, resourceCount(fleet));
}

export function describeFleet(fleet: Fleet): string {
  const resources = resourceCount(fleet);
  const where = `, ${fleet.locations} loc`;
  if (fleet.shape === "numbers") return `${resources} InboundNumbers${where}`;
  if (fleet.shape === "blocks") return `${resources} NumberBlocks (${fleet.count} numbers)${where}`;
  const single = Math.ceil(fleet.count / 2);
  return `${single} InboundNumbers + ${resources - single} NumberBlocks (${fleet.count} numbers)${where}`;
}
