import * as path from "node:path";
import { CANARY_API_KEY, createDeployment, Deployment, DeploymentResult } from "../../harness";
import { clientFor } from "../support/simulatedAccount";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

// test/programs/lifecycle: an InboundNumber "support" (United Kingdom, Milton Keynes unless
// SUPPORT_REGION says otherwise) and a toll-free NumberBlock "sales" of SALES_QUANTITY (3) in Spain.
const program = path.join(__dirname, "..", "programs", "lifecycle");
const clock = () => new Date("2025-03-14T12:00:00Z");

const milton = (n: number) => `441908538${String(n).padStart(3, "0")}`;
const spanish = (...suffixes: number[]) =>
  suffixes.map((n) => `3490110${String(n).padStart(4, "0")}`);

const supportInputs = { country: "United Kingdom", region: "Milton Keynes", didType: "geographic" };
const salesInputs = {
  country: "Spain",
  region: "901",
  didType: "tollfree",
  quantity: 3,
  allowLandline: true,
  allowPayphone: true,
};
const supportWire = {
  country: "United Kingdom",
  region: "Milton Keynes",
  did_type: "geographic",
  quantity: "1",
};
const salesWire = {
  country: "Spain",
  region: "901",
  did_type: "tollfree",
  allow_landline: "True",
  allow_payphone: "True",
};

/** The operations of a command, by resource name, in a stable order. */
const ops = (result: DeploymentResult) =>
  result.steps.map((s) => [s.name, s.op, ...(s.replaces ?? [])]).sort();

/** What the engine recorded for a resource, without the serialized provider. */
function recorded(deployment: Deployment, name: string) {
  const entries = [...deployment.engine.state.values()].filter((e) => e.name === name);
  expect(entries).toHaveLength(1);
  const { __provider: _p, ...outputs } = entries[0].outputs;
  // The resource class adds its own name to the inputs (the host tells create only the inputs);
  // a refresh's inputs come from read, which leaves it out until the next check.
  const { __provider: _q, __resourceName, ...inputs } = entries[0].inputs;
  if (__resourceName !== undefined) expect(__resourceName).toBe(name);
  return { id: entries[0].id, inputs, outputs };
}

/** The requests that buy or release, in the order the simulator received them. */
function purchasesAndReleases(deployment: Deployment): Array<[string, Record<string, string>]> {
  return deployment.simulator
    .requests()
    .filter((r) => r.service === "tel_purchase" || r.service === "tel_delete_numbers")
    .map((r) => [r.service, r.params]);
}

const sortedCalls = (calls: Array<[string, Record<string, string>]>) =>
  [...calls].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));

describe("the lifecycle program through Pulumi's dynamic-provider host", () => {
  let deployment: Deployment;
  beforeEach(async () => {
    deployment = await createDeployment(program, { simulator: { now: clock } });
  });
  afterEach(() => deployment.close());

  const upCleanly = async (env?: NodeJS.ProcessEnv) => {
    deployment.simulator.resetRequestLog();
    const result = await deployment.up(env);
    expect(result.errors).toEqual([]);
    return result;
  };

  it("up buys both, refresh finds nothing changed and no diff, destroy releases everything", async () => {
    const up = await upCleanly();
    expect(ops(up)).toEqual([
      ["sales", "create"],
      ["support", "create"],
    ]);
    // Check dry-runs each resource; create buys each in one call: the block of 3 is quantity=3.
    expect(
      sortedCalls(
        deployment.simulator
          .requests()
          .filter((r) => r.service.startsWith("tel_purchase"))
          .map((r) => [r.service, r.params]),
      ),
    ).toEqual(
      sortedCalls([
        ["tel_purchase_development", { ...salesWire, quantity: "1" }],
        ["tel_purchase_development", supportWire],
        ["tel_purchase", { ...salesWire, quantity: "3" }],
        ["tel_purchase", supportWire],
      ]),
    );
    const support = recorded(deployment, "support");
    expect(support).toEqual({
      id: milton(1),
      inputs: supportInputs,
      outputs: { ...supportInputs, number: milton(1), monthlyPrice: 3, purchased: "2025-03-14" },
    });
    const sales = recorded(deployment, "sales");
    expect(sales.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(sales.outputs).toEqual({ ...salesInputs, numbers: spanish(1, 2, 3), monthlyPrice: 45 });
    expect(Object.keys(deployment.simulator.ownedNumbers()).sort()).toEqual([
      ...spanish(1, 2, 3),
      milton(1),
    ]);

    deployment.simulator.resetRequestLog();
    const refresh = await deployment.refresh();
    expect(refresh.errors).toEqual([]);
    expect(ops(refresh)).toEqual([
      ["sales", "read"],
      ["support", "read"],
    ]);
    expect(recorded(deployment, "support")).toEqual(support);
    expect(recorded(deployment, "sales")).toEqual(sales);
    expect(purchasesAndReleases(deployment)).toEqual([]);

    // After a refresh the program's inputs still match state: nothing to do.
    const again = await upCleanly();
    expect(ops(again)).toEqual([
      ["sales", "same"],
      ["support", "same"],
    ]);
    expect(purchasesAndReleases(deployment)).toEqual([]);

    deployment.simulator.resetRequestLog();
    const destroy = await deployment.destroy();
    expect(destroy.errors).toEqual([]);
    expect(ops(destroy)).toEqual([
      ["sales", "delete"],
      ["support", "delete"],
    ]);
    // The host batches releases that arrive together; how many calls depends on their timing.
    const releases = purchasesAndReleases(deployment);
    expect(new Set(releases.map(([service]) => service))).toEqual(new Set(["tel_delete_numbers"]));
    expect(releases.flatMap(([, params]) => params.numbers.split(",")).sort()).toEqual([
      ...spanish(1, 2, 3),
      milton(1),
    ]);
    expect(deployment.simulator.ownedNumbers()).toEqual({});
    expect(deployment.engine.state.size).toBe(0);
    expect(deployment.hostLogs.join("\n")).not.toContain(CANARY_API_KEY);
  });

  it("replaces the number when its location changes: the new one is bought before the old one is released", async () => {
    await upCleanly();
    const up = await upCleanly({ SUPPORT_REGION: "London" });
    expect(ops(up)).toEqual([
      ["sales", "same"],
      ["support", "replace", "region"],
    ]);
    expect(purchasesAndReleases(deployment)).toEqual([
      [
        "tel_purchase",
        { country: "United Kingdom", region: "London", did_type: "geographic", quantity: "1" },
      ],
      ["tel_delete_numbers", { numbers: milton(1) }],
    ]);
    expect(recorded(deployment, "support")).toEqual({
      id: "442079460001",
      inputs: { ...supportInputs, region: "London" },
      outputs: {
        ...supportInputs,
        region: "London",
        number: "442079460001",
        monthlyPrice: 3,
        purchased: "2025-03-14",
      },
    });
    expect(Object.keys(deployment.simulator.ownedNumbers()).sort()).toEqual([
      ...spanish(1, 2, 3),
      "442079460001",
    ]);
  });

  it("updates basedOn in place, never releasing the number", async () => {
    await upCleanly();
    const up = await upCleanly({ SUPPORT_BASED_ON: "support-line" });
    expect(ops(up)).toEqual([
      ["sales", "same"],
      ["support", "update"],
    ]);
    expect(purchasesAndReleases(deployment)).toEqual([]);
    expect(recorded(deployment, "support").outputs).toEqual({
      ...supportInputs,
      basedOn: "support-line",
      number: milton(1),
      monthlyPrice: 3,
      purchased: "2025-03-14",
    });
  });

  it("grows and shrinks the block in place, keeping its id", async () => {
    await upCleanly();
    const { id } = recorded(deployment, "sales");

    const grow = await upCleanly({ SALES_QUANTITY: "5" });
    expect(ops(grow)).toEqual([
      ["sales", "update"],
      ["support", "same"],
    ]);
    expect(purchasesAndReleases(deployment)).toEqual([
      ["tel_purchase", { ...salesWire, quantity: "2" }],
    ]);
    expect(recorded(deployment, "sales")).toEqual({
      id,
      inputs: { ...salesInputs, quantity: 5 },
      outputs: { ...salesInputs, quantity: 5, numbers: spanish(1, 2, 3, 4, 5), monthlyPrice: 75 },
    });

    const shrink = await upCleanly({ SALES_QUANTITY: "2" });
    expect(ops(shrink)).toEqual([
      ["sales", "update"],
      ["support", "same"],
    ]);
    expect(purchasesAndReleases(deployment)).toEqual([
      ["tel_delete_numbers", { numbers: spanish(3, 4, 5).join(",") }],
    ]);
    // Check noted the shrink among the inputs, for the policy pack (provider/resources/shrink.ts);
    // the outputs never carry it.
    expect(recorded(deployment, "sales")).toEqual({
      id,
      inputs: { ...salesInputs, quantity: 2, __shrinksFrom: 5 },
      outputs: { ...salesInputs, quantity: 2, numbers: spanish(1, 2), monthlyPrice: 30 },
    });
    expect(Object.keys(deployment.simulator.ownedNumbers()).sort()).toEqual([
      ...spanish(1, 2),
      milton(1),
    ]);
    // The next up at the same quantity changes nothing (its check notes no shrink).
    const same = await upCleanly({ SALES_QUANTITY: "2" });
    expect(ops(same)).toEqual([
      ["sales", "same"],
      ["support", "same"],
    ]);
    expect(purchasesAndReleases(deployment)).toEqual([]);
  });

  it("refresh finds numbers released outside Pulumi, and the next up buys them again", async () => {
    await upCleanly();
    const { id: salesId } = recorded(deployment, "sales");
    await clientFor(deployment.simulator).deleteNumbers({ numbers: [milton(1), spanish(2)[0]] });

    deployment.simulator.resetRequestLog();
    const refresh = await deployment.refresh();
    expect(refresh.errors).toEqual([]);
    expect(ops(refresh)).toEqual([
      ["sales", "read"],
      ["support", "refresh-delete"],
    ]);
    expect(purchasesAndReleases(deployment)).toEqual([]);
    expect([...deployment.engine.state.values()].map((e) => e.name)).toEqual(["sales"]);
    expect(recorded(deployment, "sales")).toEqual({
      id: salesId,
      inputs: { ...salesInputs, quantity: 2 },
      outputs: { ...salesInputs, quantity: 2, numbers: spanish(1, 3), monthlyPrice: 30 },
    });

    const up = await upCleanly();
    expect(ops(up)).toEqual([
      ["sales", "update"],
      ["support", "create"],
    ]);
    expect(sortedCalls(purchasesAndReleases(deployment))).toEqual(
      sortedCalls([
        ["tel_purchase", supportWire],
        ["tel_purchase", { ...salesWire, quantity: "1" }],
      ]),
    );
    expect(recorded(deployment, "support").id).toBe(milton(2));
    expect(recorded(deployment, "sales").outputs.numbers).toEqual(spanish(1, 3, 4));
  });
});
