import * as path from "node:path";
import { auditState, moneySafety, pendingOperations } from "./support/audit";
import { accountNumbers, createEngineProject, EngineProject } from "./support/engineProject";
import { InterceptingProxy, startInterceptingProxy } from "../reliability/interceptingProxy";

const program = path.join(__dirname, "programs", "lines");
const UP = ["up", "--yes", "--non-interactive", "--skip-preview"];

// A tel_purchase that Aculab commits and then answers with a 500, through the real CLI.
describe("a purchase that commits and then fails, through the real pulumi CLI", () => {
  let project: EngineProject | undefined;
  let proxy: InterceptingProxy | undefined;
  afterEach(async () => {
    await proxy?.stop();
    await project?.close();
    proxy = undefined;
    project = undefined;
  });

  it("reconciled from the listing: up succeeds with the one number bought, and tel_purchase is sent once", async () => {
    // The number is listed at once (no listing delay); the lost answer is decided when its window
    // ends, 3 s on the provider's clock instead of the default 15 s, still far above that delay.
    project = await createEngineProject({
      program,
      simulator: { faults: { failAfterCommit: 1 } },
      config: { "aculab:listingWaitMs": "3000" },
    });
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

  it("when no listing can be read during the purchase's window, up fails and state holds the purchase as a partially created resource; once listings answer again, the next up records the number bought in that window without buying again", async () => {
    project = await createEngineProject({ program, simulator: { faults: { failAfterCommit: 1 } } });
    const { simulator } = project;
    // A proxy in front of the simulator: from the moment tel_purchase is answered (its 500 after
    // the commit), the simulator answers every listing 503 until the test switches faults off. The
    // purchase's snapshot, taken before it, is read. No outcome depends on timing: no listing at
    // all can be read during the window, however fast the machine, so the evidence is the listing
    // read after it, the number and its purchase date.
    proxy = await startInterceptingProxy(simulator.url, async (service, body, forward) => {
      const answer = await forward(body);
      if (service === "tel_purchase") {
        simulator.setFaults({ errorRates: { tel_list_numbers: { 503: 1 } } });
      }
      return answer;
    });
    // A short window: the wait decides nothing here, since no listing is read during it.
    await project.stack.setAllConfig({
      "aculab:endpoint": { value: proxy.url },
      "aculab:listingWaitMs": { value: "3000" },
    });

    const failed = await project.pulumi(UP);
    expect(failed.code).toBe(1);
    expect(simulator.faultCounts().failAfterCommit).toBe(1);
    expect(simulator.callCounts().tel_purchase).toBe(1);
    const requests = simulator.requests();
    const listingsAfter = requests
      .slice(requests.findIndex((r) => r.service === "tel_purchase") + 1)
      .filter((r) => r.service === "tel_list_numbers");
    expect(listingsAfter.length).toBeGreaterThan(0);
    expect(listingsAfter.map((r) => r.fault)).toEqual(listingsAfter.map(() => "503"));
    const owned = accountNumbers(simulator);
    expect(owned).toHaveLength(1);
    // Aculab's code and text reach the user, with what to do.
    expect(failed.stdout).toContain(
      "The purchase at Milton Keynes, United Kingdom (geographic) may or may not have happened: " +
        "Aculab tel_purchase failed (HTTP 500): [0500] Internal server error (injected by the simulator).",
    );
    expect(failed.stdout).toContain("the account's numbers could not be listed to check");
    expect(failed.stdout).toContain(
      "the next `pulumi up` looks for its number at this location again",
    );

    const afterFailure = await project.exportStack();
    const audit = auditState(afterFailure, simulator);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- exported state is untyped JSON
    const partial = (afterFailure.deployment.resources as Array<Record<string, any>>).find(
      (r) => r.urn === audit.partial[0],
    )!;
    // The engine recorded the provider's ErrorResourceInitFailed as a resource with init errors,
    // its outputs the provider's properties: the purchase, not yet the number.
    expect(pendingOperations(afterFailure)).toEqual([]);
    expect(audit.partial).toEqual([expect.stringMatching(/::line-0$/)]);
    expect(partial.id).toMatch(/^unconfirmed-[0-9a-f-]{36}$/);
    expect(partial.initErrors).toEqual([expect.stringContaining("may or may not have happened")]);
    expect(partial.outputs.number).toBeUndefined();
    // No `seen`: no listing was read by the window's end.
    const purchase = partial.outputs.unconfirmedPurchase;
    expect(purchase).toEqual({
      excluded: [],
      asked: 1,
      offset: 0,
      quantity: 1,
      attemptedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      windowEnd: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(
      Date.parse(purchase.windowEnd) - Date.parse(purchase.attemptedAt),
    ).toBeGreaterThanOrEqual(3_000);
    // No orphan: the account's one number is not in state, but the purchase that bought it is.
    expect(audit.recorded).toEqual([]);

    // The listings answer again.
    simulator.setFaults({});
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
