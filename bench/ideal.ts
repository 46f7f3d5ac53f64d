import { Fleet, locationsUsed, resourceCount } from "./fleet";

/** The phases of the bench's lifecycle, in the order it runs them. */
export const PHASES = ["preview", "up", "refresh", "no-change up", "destroy"] as const;
export type Phase = (typeof PHASES)[number];

/** Requests the client lets run at once (aculab:maxConcurrency's default). */
export const clientConcurrency = 8;

export interface Ideal {
  /** Fewest sequential round trips to Aculab the phase needs. */
  roundTrips: number;
  /** The same, as a formula over the fleet's figures. */
  formula: string;
}

/**
 * The fewest sequential round trips to Aculab each phase needs under the real engine running P
 * operations at once (R resources, L locations):
 * - preview: check's dry run, one tel_purchase_development per location. The engine checks
 *   resources one at a time, so the first check at each location waits for its own: L;
 * - up: the same L dry runs, then per wave of P creates a tel_purchase and a tel_list_numbers for
 *   the bought numbers' price and date (tel_purchase answers only the numbers), since the engine
 *   starts the next create only when one has finished: L + 2 × ceil(R/P). (The listing a purchase
 *   needs beforehand, for reconciliation, runs while the first wave is being gathered.)
 * - refresh: one unfiltered tel_list_numbers for the whole account: 1;
 * - no-change up: nothing to buy or release, and inputs equal to the recorded ones need no dry
 *   run: 0;
 * - destroy: per wave of P deletes one tel_delete_numbers round trip (calls of up to 100 numbers,
 *   all of a wave at once): ceil(R/P).
 */
export function idealFor(phase: Phase, fleet: Fleet, parallel: number): Ideal {
  const resources = resourceCount(fleet);
  const locations = locationsUsed(fleet);
  const waves = Math.ceil(resources / parallel);
  switch (phase) {
    case "preview":
      return { roundTrips: locations, formula: "L" };
    case "up":
      return {
        roundTrips: locations + 2 * waves,
        formula: `${locations} + 2 × ceil(${resources}/${parallel})`,
      };
    case "refresh":
      return { roundTrips: 1, formula: "1" };
    case "no-change up":
      return { roundTrips: 0, formula: "0" };
    case "destroy":
      return { roundTrips: waves, formula: `ceil(${resources}/${parallel})` };
  }
}
