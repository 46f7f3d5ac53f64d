import * as path from "node:path";
import { repositoryRoot } from "../harness/workspace";

/** The program whose size and shape come from the environment (see its header). */
export const benchProgram = path.join(repositoryRoot, "test", "programs", "bench");

export type Shape = "numbers" | "blocks";

/** One fleet to deploy: `count` numbers as InboundNumbers, or as NumberBlocks of `blockSize`. */
export interface Scenario {
  shape: Shape;
  count: number;
  locations: number;
  blockSize: number;
}

export function scenarioEnv(scenario: Scenario): NodeJS.ProcessEnv {
  return {
    BENCH_SHAPE: scenario.shape,
    BENCH_COUNT: String(scenario.count),
    BENCH_LOCATIONS: String(scenario.locations),
    BENCH_BLOCK_SIZE: String(scenario.blockSize),
  };
}

/** How many resources the program declares. */
export function resourceCount(scenario: Scenario): number {
  return scenario.shape === "numbers"
    ? scenario.count
    : Math.ceil(scenario.count / scenario.blockSize);
}

/** Locations actually used: a fleet smaller than the location list leaves some empty. */
export function locationsUsed(scenario: Scenario): number {
  return Math.min(scenario.locations, resourceCount(scenario));
}

export function describeScenario(scenario: Scenario): string {
  const resources = resourceCount(scenario);
  const what =
    scenario.shape === "numbers"
      ? `${resources} InboundNumbers`
      : `${resources} NumberBlocks (${scenario.count} numbers, up to ${scenario.blockSize} per block)`;
  return `${what} across ${locationsUsed(scenario)} location(s)`;
}
