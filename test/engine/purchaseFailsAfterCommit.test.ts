import * as path from "node:path";
import { auditState, moneySafety, pendingOperations } from "./support/audit";
import { accountNumbers, createEngineProject, EngineProject } from "./support/engineProject";

const program = path.join(__dirname, "programs", "lines");
const UP = ["up", "--yes", "--non-interactive", "--skip-preview"];

// A tel_purchase that Aculab commits and then answers with a 500, through the real CLI.
describe("a purchase that commits and then fails, through the real pulumi CLI", () => {
  let project: EngineProject | undefined;
  afterEach(async () => {
    await project?.close();
    project = undefined;
  });

  it("reconciled from the listing: up succeeds with the one number bought, and tel_purchase is sent once", async () => {
    project = await createEngineProject({ program, simulator: { faults: { failAfterCommit: 1 } } });
    const { simulator } = project;

    const up = await project.pulumi(UP);
    expect(up.code).toBe(0);
    expect(simulator.faultCounts().failAfterCommit).toBe(1);
    expect(simulator.callCounts().tel_purchase).toBe(1);
    const owned = accountNumbers(simulator);
    expect(owned).toHaveLength(1);
    const audit = auditState(await project.exportStack(), simulator);
    expect(audit).toEqual({
      orphans: [],
      recordedTwice: [],
      notOwned: [],
      recorded: owned,
      partial: [],
      pending: [],
    });
  });

  it("when the listing cannot show it in time, up fails, state holds the purchase as a partially created resource, and the next up records the number without buying again", async () => {
    // The simulator's clock runs a test-controlled offset ahead of the real one: a number bought
    // now is listed only once the test moves the clock past the listing delay.
    let offsetMs = 0;
    const listingDelayMs = 10 * 60_000;
    project = await createEngineProject({
      program,
      simulator: {
        faults: { failAfterCommit: 1 },
        listingDelayMs,
        now: () => new Date(Date.now() + offsetMs),
      },
    });
    const { simulator } = project;

    const failed = await project.pulumi(UP);
    console.log(
      "[engine] failed up:",
      failed.stdout,
      failed.stderr,
      JSON.stringify((await project.exportStack()).deployment, null, 1),
    );
    expect(failed.code).toBe(1);
    expect(simulator.faultCounts().failAfterCommit).toBe(1);
    expect(simulator.callCounts().tel_purchase).toBe(1);
    const owned = accountNumbers(simulator);
    expect(owned).toHaveLength(1);
    // Aculab's code and text reach the user, with what to do.
    expect(failed.stdout).toContain(
      "The purchase at Milton Keynes, United Kingdom (geographic) may or may not have happened: " +
        "Aculab tel_purchase failed (HTTP 500): [0500] Internal server error (injected by the simulator).",
    );
    expect(failed.stdout).toContain(
      "the next `pulumi up` looks for its number at this location again",
    );

    const afterFailure = await project.exportStack();
    const audit = auditState(afterFailure, simulator);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- exported state is untyped JSON
    const partial = (afterFailure.deployment.resources as Array<Record<string, any>>).find(
      (r) => r.urn === audit.partial[0],
    )!;
    console.log("[engine] state after the failed up:", JSON.stringify(partial, null, 2));
    // The engine recorded the provider's ErrorResourceInitFailed as a resource with init errors,
    // its outputs the provider's properties: the purchase, not yet the number.
    expect(pendingOperations(afterFailure)).toEqual([]);
    expect(audit.partial).toEqual([expect.stringMatching(/::line-0$/)]);
    expect(partial.id).toMatch(/^unconfirmed-[0-9a-f-]{36}$/);
    expect(partial.initErrors).toEqual([expect.stringContaining("may or may not have happened")]);
    expect(partial.outputs.number).toBeUndefined();
    expect(partial.outputs.unconfirmedPurchase).toEqual({
      excluded: [],
      asked: 1,
      offset: 0,
      quantity: 1,
      attemptedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    // No orphan: the account's one number is not in state, but the purchase that bought it is.
    expect(audit.recorded).toEqual([]);

    // The number shows up in the listing; faults are off.
    simulator.setFaults({});
    offsetMs = listingDelayMs + 60_000;
    simulator.resetRequestLog();
    const again = await project.pulumi(UP);
    expect(again.code).toBe(0);
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual(owned);
    const recovered = auditState(await project.exportStack(), simulator);
    const [line] = await project.aculabResources();
    expect(line.outputs.number).toBe(owned[0]);
    expect(line.outputs.unconfirmedPurchase).toBeUndefined();
    expect(line.outputs.monthlyPrice).toBe(Number(simulator.ownedNumbers()[owned[0]].price));
    // Listings settled it: no purchase, no release, and no dry run either (its inputs are the ones
    // checked before, so check asks Aculab nothing).
    expect(Object.keys(simulator.callCounts())).toEqual(["tel_list_numbers"]);
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
