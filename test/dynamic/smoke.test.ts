import * as path from "node:path";
import { CANARY_API_KEY, createDeployment, Deployment } from "../../harness";

// Per test and hook: far above the time measured on a loaded machine (docs/testing.md).
jest.setTimeout(300_000);

const program = path.join(__dirname, "..", "programs", "lifecycle");

describe("a program with both resources, through Pulumi's dynamic-provider host", () => {
  let deployment: Deployment;
  beforeAll(async () => {
    deployment = await createDeployment(program);
  });
  afterAll(() => deployment.close());

  it("buys on up, keeps on refresh and releases on destroy", async () => {
    const up = await deployment.up();
    expect(up.errors).toEqual([]);
    expect(up.steps.map((s) => [s.name, s.op]).sort()).toEqual([
      ["sales", "create"],
      ["support", "create"],
    ]);
    const owned = Object.keys(deployment.simulator.ownedNumbers()).sort();
    const recorded = [...deployment.engine.state.values()]
      .flatMap((e) => (e.outputs.numbers as string[] | undefined) ?? [e.outputs.number as string])
      .sort();
    expect(recorded).toEqual(owned);
    expect(owned).toHaveLength(4);

    const refresh = await deployment.refresh();
    expect(refresh.errors).toEqual([]);
    expect(deployment.engine.state.size).toBe(2);

    const destroy = await deployment.destroy();
    expect(destroy.errors).toEqual([]);
    expect(deployment.simulator.ownedNumbers()).toEqual({});
    expect(deployment.hostLogs.join("\n")).not.toContain(CANARY_API_KEY);
  });
});
