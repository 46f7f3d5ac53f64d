import { outputNames } from "../provider/model";

/** One fleet the bench deploys: `count` numbers as InboundNumbers, or as NumberBlocks of `blockSize`. */
export type Shape = "numbers" | "blocks";

export interface Fleet {
  shape: Shape;
  count: number;
  locations: number;
  blockSize: number;
}

export type ProviderKind = "aculab" | "floor";

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
    BENCH_OUTPUTS: outputNames(fleet.shape === "numbers" ? "InboundNumber" : "NumberBlock").join(
      ",",
    ),
  };
}

/** How many resources the program declares. */
export function resourceCount(fleet: Fleet): number {
  return fleet.shape === "numbers" ? fleet.count : Math.ceil(fleet.count / fleet.blockSize);
}

/** Locations actually used: a fleet smaller than the location list leaves some empty. */
export function locationsUsed(fleet: Fleet): number {
  return Math.min(fleet.locations, resourceCount(fleet));
}

export function describeFleet(fleet: Fleet): string {
  const resources = resourceCount(fleet);
  return fleet.shape === "numbers"
    ? `${resources} InboundNumbers`
    : `${resources} NumberBlocks (${fleet.count} numbers)`;
}
