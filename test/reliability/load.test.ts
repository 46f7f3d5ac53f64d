import { createDeployment } from "../../harness";
import {
  countFaults,
  fleetProgram,
  lifecycle,
  mixedFaults,
  shortListingWait,
  summary,
} from "./fleetAudit";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(600_000);

// 100 resources at the engine's default 16 operations at once, with mixedFaults switched on:
// purchases at one location are coalesced and reconciled under concurrency, releases batched.
describe("load: 100 resources, 16 operations at once, faults on", () => {
  afterAll(() => console.log(summary("load.test.ts")));

  it("up, refresh, grow, shrink and destroy keep state and the account identical", async () => {
    const deployment = await createDeployment(fleetProgram, {
      parallel: 16,
      simulator: { seed: 100, stockPerRegion: 999, listingDelayMs: 0, faults: mixedFaults },
      config: shortListingWait,
    });
    try {
      await lifecycle(
        deployment,
        { FLEET_SIZE: 94, LOCATIONS: 6, BLOCKS: 6, BLOCK_QUANTITY: 3 },
        { FLEET_SIZE: 100, LOCATIONS: 6, BLOCKS: 6, BLOCK_QUANTITY: 5 },
        { FLEET_SIZE: 90, LOCATIONS: 6, BLOCKS: 6, BLOCK_QUANTITY: 2 },
      );
    } finally {
      countFaults(deployment);
      await deployment.close();
    }
  });
});
