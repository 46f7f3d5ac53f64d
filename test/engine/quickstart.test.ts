import * as path from "node:path";
import { repositoryRoot } from "../../harness/workspace";
import {
  accountNumbers,
  CANARY_API_KEY,
  createEngineProject,
  EngineProject,
  numbersInState,
} from "./support/engineProject";

// examples/quickstart as a user runs it, through the real CLI: each command's effect on the
// account, the calls it made, the state it left and its outputs.
describe("examples/quickstart through the real pulumi CLI", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({
      program: path.join(repositoryRoot, "examples", "quickstart"),
    });
  });
  afterAll(() => project?.close());

  it("preview buys nothing, up buys one number, refresh and a second up change nothing, destroy releases it", async () => {
    const { simulator, stack } = project;

    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ create: 2 });
    expect(accountNumbers(simulator)).toEqual([]);
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);

    simulator.resetRequestLog();
    const up = await stack.up();
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges).toEqual({ create: 2 });
    expect(simulator.callCounts().tel_purchase).toBe(1);
    const bought = accountNumbers(simulator);
    expect(bought).toHaveLength(1);
    expect(up.outputs.supportNumber.value).toBe(bought[0]);
    expect(up.outputs.supportMonthlyPrice.value).toBe(
      Number(simulator.ownedNumbers()[bought[0]].price),
    );
    expect(up.outputs.manitobaRegions.value).toEqual(["Oakbank", "Winnipeg"]);
    const [support] = await project.aculabResources();
    expect(support.type).toBe("pulumi-nodejs:dynamic/aculab:InboundNumber");
    expect(support.id).toBe(bought[0]);
    expect(numbersInState(await project.aculabResources())).toEqual(bought);

    simulator.resetRequestLog();
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 2 });
    const again = await stack.up();
    expect(again.summary.resourceChanges).toEqual({ same: 2 });
    const noChanges = await project.pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(noChanges.code).toBe(0);
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual(bought);

    // The engine records the stack config as the dynamic provider's inputs: the key must reach
    // the backend and a plain `pulumi stack export` only as ciphertext.
    const plainExport = await project.pulumi(["stack", "export"]);
    expect(plainExport.code).toBe(0);
    expect(plainExport.stdout).toContain('"aculab:apiKey"');
    expect(plainExport.stdout).not.toContain(CANARY_API_KEY);
    expect(project.backendText()).toContain('"aculab:apiKey"');
    expect(project.backendText()).not.toContain(CANARY_API_KEY);

    simulator.resetRequestLog();
    const destroy = await stack.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 2 });
    const deletes = simulator.requests().filter((r) => r.service === "tel_delete_numbers");
    expect(deletes.map((r) => r.params.numbers)).toEqual([bought.join(",")]);
    expect(accountNumbers(simulator)).toEqual([]);
    expect(await project.aculabResources()).toEqual([]);
  });
});
