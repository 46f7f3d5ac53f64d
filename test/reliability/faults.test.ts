import { createDeployment } from "../../harness";
import {
  countFaults,
  mixedFaults,
  expectFleet,
  fleetEnv,
  fleetProgram,
  lifecycle,
  recordedNumbers,
  runLikeAUser,
  shortListingWait,
  summary,
  tally,
} from "./fleetAudit";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(600_000);

// Whole lifecycles of the fleet program while the simulator injects mixedFaults (fleetAudit.ts).
describe("whole lifecycles under injected faults, through the dynamic-provider host", () => {
  afterAll(() => console.log(summary("faults.test.ts")));

  it.each([1, 2])(
    "seed %i: up, refresh, grow, shrink and destroy own exactly what state records",
    async (seed) => {
      const deployment = await createDeployment(fleetProgram, {
        simulator: { seed, stockPerRegion: 999, listingDelayMs: 100, faults: mixedFaults },
        config: shortListingWait,
      });
      try {
        await lifecycle(
          deployment,
          { FLEET_SIZE: 6, LOCATIONS: 3, BLOCKS: 2, BLOCK_QUANTITY: 2 },
          { FLEET_SIZE: 10, LOCATIONS: 3, BLOCKS: 3, BLOCK_QUANTITY: 4 },
          { FLEET_SIZE: 3, LOCATIONS: 3, BLOCKS: 2, BLOCK_QUANTITY: 1 },
        );
      } finally {
        countFaults(deployment);
        await deployment.close();
      }
    },
  );

  it("every purchase answered by a dropped connection or a 500 after its commit: up still succeeds first time, each number asked for once", async () => {
    for (const kind of ["dropAfterPurchase", "failAfterCommit"] as const) {
      const deployment = await createDeployment(fleetProgram, {
        simulator: { seed: 7, stockPerRegion: 999, listingDelayMs: 300, faults: { [kind]: 1 } },
        config: shortListingWait,
      });
      try {
        const shape = { FLEET_SIZE: 5, LOCATIONS: 5, BLOCKS: 3, BLOCK_QUANTITY: 3 };
        const up = await deployment.up(fleetEnv(shape));
        expect(up.errors).toEqual([]);
        expectFleet(deployment, shape);
        const purchases = deployment.simulator
          .requests()
          .filter((r) => r.service === "tel_purchase");
        const asked = purchases.reduce((sum, r) => sum + Number(r.params.quantity ?? "1"), 0);
        const owned = Object.keys(deployment.simulator.ownedNumbers()).sort();
        // Every purchase was faulted, none was repeated, and every number bought is in state.
        expect(purchases.map((r) => r.fault)).toEqual(purchases.map(() => kind));
        expect(asked).toBe(5 + 3 * 3);
        expect(
          recordedNumbers(deployment.engine)
            .map((r) => r.number)
            .sort(),
        ).toEqual(owned);
        expect(owned).toHaveLength(asked);
        await runLikeAUser(deployment, () => deployment.destroy());
        expect(deployment.simulator.ownedNumbers()).toEqual({});
        tally.lifecycles++;
      } finally {
        countFaults(deployment);
        await deployment.close();
      }
    }
  });
});
