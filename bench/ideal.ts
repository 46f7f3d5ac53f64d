import { Phase } from "./measure";
import { locationsUsed, resourceCount, Scenario } from "./scenario";

export interface Ideal {
  /** Fewest sequential round trips to Aculab the phase needs. */
  roundTrips: number;
  /** The same, as a formula over the scenario's figures. */
  formula: string;
}

/** Requests the client lets run at once (aculab:maxConcurrency's default). */
export const clientConcurrency = 8;

/**
 * The fewest round trips each phase needs when the engine runs `parallel` operations at once:
 * - up: each wave of `parallel` creates needs a tel_purchase and then a tel_list_numbers for the
 *   bought numbers' price and date (the check-time dry run, one per distinct location, is left out);
 * - refresh: one tel_list_numbers per location, all at once (up to the client's concurrency);
 * - destroy: each wave of `parallel` deletes needs one tel_delete_numbers round trip.
 */
export function idealFor(phase: Phase, scenario: Scenario, parallel: number): Ideal {
  const resources = resourceCount(scenario);
  const waves = Math.ceil(resources / parallel);
  switch (phase) {
    case "up":
      return { roundTrips: 2 * waves, formula: `2 × ceil(${resources}/${parallel})` };
    case "refresh": {
      const locations = locationsUsed(scenario);
      return {
        roundTrips: Math.ceil(locations / clientConcurrency),
        formula: `ceil(${locations} locations/${clientConcurrency})`,
      };
    }
    case "destroy":
      return { roundTrips: waves, formula: `ceil(${resources}/${parallel})` };
  }
}

/**
 * The fewest tel_delete_numbers calls a destroy can make. One call holds at most `batchSize`
 * numbers, and serves at most `parallel` resources: no more deletes are in flight at once.
 */
export function fewestDeleteCalls(scenario: Scenario, parallel: number, batchSize: number): number {
  return Math.max(
    Math.ceil(scenario.count / batchSize),
    Math.ceil(resourceCount(scenario) / parallel),
  );
}
