import { Fleet, fleetEnv } from "../../bench/fleet";
import { benchProgram } from "../../bench/project";
import { auditState, moneySafety, pendingOperations } from "./support/audit";
import { accountNumbers, createEngineProject, EngineProject } from "./support/engineProject";

const UP = ["up", "--yes", "--non-interactive", "--skip-preview"];
// One NumberBlock of 3 at Milton Keynes (the bench's program, bench/program/index.js).
const fleet: Fleet = { shape: "blocks", count: 3, locations: 1, blockSize: 3 };

// A block's tel_purchase that Aculab commits and then answers with a 500, when the listing cannot
// show the numbers in time: before, the block's create failed as a plain error, the engine recorded
// nothing, and the three numbers bought were orphaned.
describe("a NumberBlock whose purchase commits and then fails, through the real pulumi CLI", () => {
  let project: EngineProject | undefined;
  afterAll(() => project?.close());

  it("up fails and records the purchase in a partially created block; the next up records the numbers without buying again", async () => {
    // The simulator's clock runs a test-controlled offset ahead of the real one: numbers bought
    // now are listed only once the test moves the clock past the listing delay.
    let offsetMs = 0;
    const listingDelayMs = 10 * 60_000;
    project = await createEngineProject({
      program: benchProgram,
      simulator: {
        faults: { failAfterCommit: 1 },
        listingDelayMs,
        now: () => new Date(Date.now() + offsetMs),
      },
    });
    const { simulator } = project;
    const env = fleetEnv(fleet, "aculab");

    const failed = await project.pulumi(UP, { env });
    expect(failed.code).toBe(1);
    expect(simulator.faultCounts().failAfterCommit).toBe(1);
    expect(simulator.callCounts().tel_purchase).toBe(1);
    const owned = accountNumbers(simulator);
    expect(owned).toHaveLength(3);
    expect(failed.stdout).toContain(
      "The purchase at Milton Keynes, United Kingdom (geographic) may or may not have happened: " +
        "Aculab tel_purchase failed (HTTP 500): [0500] Internal server error (injected by the simulator).",
    );

    const afterFailure = await project.exportStack();
    const audit = auditState(afterFailure, simulator);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- exported state is untyped JSON
    const block = (afterFailure.deployment.resources as Array<Record<string, any>>).find(
      (r) => r.urn === audit.partial[0],
    )!;
    expect(pendingOperations(afterFailure)).toEqual([]);
    expect(audit.partial).toEqual([expect.stringMatching(/::block-0$/)]);
    expect(block.initErrors).toEqual([expect.stringContaining("may or may not have happened")]);
    expect(block.outputs.numbers).toEqual([]);
    expect(block.outputs.unconfirmedPurchase).toEqual({
      excluded: [],
      asked: 3,
      offset: 0,
      quantity: 3,
      attemptedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // Not in any block's numbers yet, but the purchase that bought them is in state.
    expect(audit.recorded).toEqual([]);

    // The numbers show up in the listing; faults are off.
    simulator.setFaults({});
    offsetMs = listingDelayMs + 60_000;
    simulator.resetRequestLog();
    const again = await project.pulumi(UP, { env });
    expect(again.code).toBe(0);
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual(owned);
    const [settled] = await project.aculabResources();
    expect([...(settled.outputs.numbers as string[])].sort()).toEqual(owned);
    expect(settled.outputs.quantity).toBe(3);
    expect(settled.outputs.unconfirmedPurchase).toBeUndefined();
    const recovered = auditState(await project.exportStack(), simulator);
    expect(recovered).toEqual({
      orphans: [],
      recordedTwice: [],
      notOwned: [],
      recorded: owned,
      partial: [],
      pending: [],
    });
    expect(moneySafety(recovered)).toEqual({ orphans: [], recordedTwice: [] });
  });
});
