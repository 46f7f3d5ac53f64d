import { Deployment } from "../../harness";
import { CapturedResource } from "../../harness";
import { measurePhase, openBenchDeployment, PhaseMeasurement } from "../../bench/measure";
import { Scenario } from "../../bench/scenario";

// The call counts the performance issue promises, for a fleet small enough for CI: 20 numbers
// in 2 locations, 16 operations at once, 20 ms per request. Timings are the bench's business;
// these assert the mechanism (coalesced purchases, one listing per location, batched releases).
const bench = { latencyMs: 20, parallel: 16 };
const locations = [
  { country: "United Kingdom", region: "Milton Keynes" },
  { country: "United Kingdom", region: "London" },
];

async function runPhase(
  deployment: Deployment,
  scenario: Scenario,
  phase: PhaseMeasurement["phase"],
  resources: CapturedResource[],
) {
  deployment.simulator.resetRequestLog();
  const measured = await measurePhase(deployment, scenario, phase, resources);
  expect(measured.result.errors).toEqual([]);
  return { ...measured, requests: deployment.simulator.requests() };
}

const paramsOf = (
  requests: Array<{ service: string; params: Record<string, string> }>,
  service: string,
) => requests.filter((r) => r.service === service).map((r) => r.params);

const recordedNumbers = (deployment: Deployment) =>
  [...deployment.engine.state.values()]
    .flatMap((e) => (e.outputs.numbers as string[] | undefined) ?? [e.outputs.number as string])
    .sort();

describe("20 InboundNumbers in 2 locations at --parallel 16", () => {
  const scenario: Scenario = { shape: "numbers", count: 20, locations: 2, blockSize: 1 };
  let deployment: Deployment;
  let resources: CapturedResource[];
  beforeAll(async () => {
    deployment = await openBenchDeployment(scenario, bench);
    resources = await deployment.capture();
  });
  afterAll(() => deployment.close());

  it("up coalesces purchases per location and buys exactly one number per resource", async () => {
    const up = await runPhase(deployment, scenario, "up", resources);
    const purchases = paramsOf(up.requests, "tel_purchase");
    // 16 creates arrive together: at most a few calls per location, never one per resource.
    expect(purchases.length).toBeLessThan(20);
    expect(purchases.reduce((sum, p) => sum + Number(p.quantity), 0)).toBe(20);
    expect(new Set(purchases.map((p) => p.region))).toEqual(
      new Set(locations.map((l) => l.region)),
    );
    // The check-time dry run is shared by every resource with the same purchase parameters.
    expect(
      paramsOf(up.requests, "tel_purchase_development")
        .map((p) => p.region)
        .sort(),
    ).toEqual(["London", "Milton Keynes"]);
    const owned = Object.keys(deployment.simulator.ownedNumbers()).sort();
    expect(owned).toHaveLength(20);
    expect(recordedNumbers(deployment)).toEqual(owned);
  });

  it("refresh lists the account once, unfiltered, whatever the locations", async () => {
    const refresh = await runPhase(deployment, scenario, "refresh", resources);
    expect(refresh.calls).toEqual({ tel_list_numbers: 1 });
    expect(paramsOf(refresh.requests, "tel_list_numbers")).toEqual([{}]);
    expect(deployment.engine.state.size).toBe(20);
  });

  it("destroy releases the 16 deletes in flight together in one call, then the last 4 in another", async () => {
    const owned = Object.keys(deployment.simulator.ownedNumbers()).sort();
    const destroy = await runPhase(deployment, scenario, "destroy", resources);
    const batches = paramsOf(destroy.requests, "tel_delete_numbers").map((p) =>
      p.numbers.split(","),
    );
    expect(batches.map((b) => b.length)).toEqual([16, 4]);
    expect(batches.flat().sort()).toEqual(owned);
    expect(deployment.simulator.ownedNumbers()).toEqual({});
  });
});

describe("2 NumberBlocks of 10 in 2 locations at --parallel 16", () => {
  const scenario: Scenario = { shape: "blocks", count: 20, locations: 2, blockSize: 10 };
  let deployment: Deployment;
  let resources: CapturedResource[];
  beforeAll(async () => {
    deployment = await openBenchDeployment(scenario, bench);
    resources = await deployment.capture();
  });
  afterAll(() => deployment.close());

  it("up buys each block with one tel_purchase of its whole quantity", async () => {
    const up = await runPhase(deployment, scenario, "up", resources);
    expect(up.calls.tel_purchase).toBe(2);
    expect(
      paramsOf(up.requests, "tel_purchase")
        .map((p) => [p.region, p.quantity])
        .sort(),
    ).toEqual([
      ["London", "10"],
      ["Milton Keynes", "10"],
    ]);
    expect(recordedNumbers(deployment)).toEqual(
      Object.keys(deployment.simulator.ownedNumbers()).sort(),
    );
  });

  it("refresh lists the account once, unfiltered", async () => {
    const refresh = await runPhase(deployment, scenario, "refresh", resources);
    expect(refresh.calls).toEqual({ tel_list_numbers: 1 });
    expect(paramsOf(refresh.requests, "tel_list_numbers")).toEqual([{}]);
  });

  it("destroy releases both blocks' 20 numbers in one tel_delete_numbers call", async () => {
    const owned = Object.keys(deployment.simulator.ownedNumbers()).sort();
    const destroy = await runPhase(deployment, scenario, "destroy", resources);
    expect(destroy.calls).toEqual({ tel_delete_numbers: 1 });
    expect(paramsOf(destroy.requests, "tel_delete_numbers")[0].numbers.split(",").sort()).toEqual(
      owned,
    );
    expect(deployment.simulator.ownedNumbers()).toEqual({});
  });
});

describe("40 InboundNumbers and 4 NumberBlocks in 4 locations at --parallel 16", () => {
  // Refresh reads 44 resources, 16 at a time, in waves: one listing serves them all, because each
  // number is looked up by number in the account's whole listing (no wall-clock window decides).
  const numbers: Scenario = { shape: "numbers", count: 40, locations: 4, blockSize: 1 };
  const blocks: Scenario = { shape: "blocks", count: 12, locations: 4, blockSize: 3 };
  let numberFleet: Deployment;
  let blockFleet: Deployment;
  beforeAll(async () => {
    numberFleet = await openBenchDeployment(numbers, bench);
    blockFleet = await openBenchDeployment(blocks, bench);
    await runPhase(numberFleet, numbers, "up", await numberFleet.capture());
    await runPhase(blockFleet, blocks, "up", await blockFleet.capture());
  });
  afterAll(async () => {
    await numberFleet.close();
    await blockFleet.close();
  });

  it("refresh of 40 InboundNumbers over 4 locations makes 1 tel_list_numbers call", async () => {
    const resources = await numberFleet.capture();
    const refresh = await runPhase(numberFleet, numbers, "refresh", resources);
    expect(refresh.calls).toEqual({ tel_list_numbers: 1 });
    expect(paramsOf(refresh.requests, "tel_list_numbers")).toEqual([{}]);
    expect(recordedNumbers(numberFleet)).toEqual(
      Object.keys(numberFleet.simulator.ownedNumbers()).sort(),
    );
    expect(numberFleet.engine.state.size).toBe(40);
  });

  it("refresh of 4 NumberBlocks over 4 locations makes 1 tel_list_numbers call", async () => {
    const resources = await blockFleet.capture();
    const refresh = await runPhase(blockFleet, blocks, "refresh", resources);
    expect(refresh.calls).toEqual({ tel_list_numbers: 1 });
    expect(recordedNumbers(blockFleet)).toEqual(
      Object.keys(blockFleet.simulator.ownedNumbers()).sort(),
    );
  });
});
