import * as path from "node:path";
import { AculabClient } from "../../provider/client";
import { repositoryRoot } from "../../harness/workspace";
import {
  accountNumbers,
  CANARY_API_KEY,
  cliOutput,
  CliRun,
  createEngineProject,
  EngineProject,
  numbersInState,
} from "./support/engineProject";

// examples/yaml as a YAML user runs it: the real pulumi-language-yaml, the native plugin found
// through Pulumi.yaml's `plugins.providers` path, configured from the stack's aculab:* config.
describe("examples/yaml with the native plugin through the real pulumi CLI", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({ program: path.join(repositoryRoot, "examples", "yaml") });
  });
  afterAll(() => project?.close());

  it("up buys one number and answers the function call, refresh and preview change nothing, destroy releases exactly that number", async () => {
    const { simulator, stack } = project;
    const runs: CliRun[] = [];
    const cli = async (args: string[]) => {
      const run = await project.pulumi(args);
      runs.push(run);
      return run;
    };

    const preview = await cli(["preview", "--non-interactive"]);
    expect(preview.code).toBe(0);
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual([]);

    simulator.resetRequestLog();
    const up = await cli(["up", "--yes", "--non-interactive"]);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain("+ 2 created");
    const purchases = simulator.requests().filter((r) => r.service === "tel_purchase");
    expect(purchases.map((r) => r.params)).toEqual([
      { country: "United Kingdom", region: "Milton Keynes", did_type: "geographic", quantity: "1" },
    ]);
    const bought = accountNumbers(simulator);
    expect(bought).toHaveLength(1);
    // The function call, as the YAML program's fn::invoke made it, and its answer: once per run of
    // the program (`up` previews, then updates).
    const regionCalls = simulator
      .requests()
      .filter((r) => r.service === "tel_get_supported_regions");
    expect(regionCalls.map((r) => r.params)).toEqual([
      { country: "United Kingdom" },
      { country: "United Kingdom" },
    ]);

    const outputs = await stack.outputs();
    expect(outputs.number.value).toBe(bought[0]);
    expect(outputs.monthlyPrice.value).toBe(Number(simulator.ownedNumbers()[bought[0]].price));
    const simulatorRegions = await new AculabClient({
      ...simulator.credentials,
      endpoint: simulator.url,
    }).getSupportedRegions({ country: "United Kingdom" });
    expect(outputs.regions.value).toEqual(simulatorRegions);
    expect(outputs.regions.value).toEqual(["Milton Keynes", "London"]);

    const [support] = await project.aculabResources();
    expect(support.type).toBe("aculab:index:InboundNumber");
    expect(support.id).toBe(bought[0]);
    expect(support.inputs).toEqual({
      country: "United Kingdom",
      region: "Milton Keynes",
      didType: "geographic",
    });
    expect(support.outputs).toEqual({
      number: bought[0],
      country: "United Kingdom",
      region: "Milton Keynes",
      didType: "geographic",
      monthlyPrice: 3,
      purchased: simulator.ownedNumbers()[bought[0]].purchased,
    });
    expect(numbersInState(await project.aculabResources())).toEqual(bought);

    simulator.resetRequestLog();
    const refresh = await stack.refresh();
    expect(refresh.summary.resourceChanges).toEqual({ same: 2 });
    // Refresh really asked the account (the number is read, not assumed).
    expect(simulator.callCounts().tel_list_numbers).toBeGreaterThanOrEqual(1);
    const noChanges = await cli(["preview", "--expect-no-changes", "--non-interactive"]);
    expect(noChanges.code).toBe(0);
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual(bought);
    expect(numbersInState(await project.aculabResources())).toEqual(bought);

    // Under the real engine the plugin is the default provider, whose inputs are the stack's
    // aculab:* config: the key is recorded, encrypted, and nowhere in clear text.
    const plainExport = await cli(["stack", "export"]);
    expect(plainExport.code).toBe(0);
    const provider = JSON.parse(plainExport.stdout).deployment.resources.find(
      (r: { type: string }) => r.type === "pulumi:providers:aculab",
    );
    expect(Object.keys(provider.inputs).sort()).toEqual([
      "apiKey",
      "cloudId",
      "endpoint",
      "username",
    ]);
    expect(provider.inputs.cloudId).toBe(simulator.credentials.cloudId);
    expect(provider.inputs.endpoint).toBe(simulator.url);
    expect(provider.inputs.apiKey.ciphertext).toEqual(expect.any(String));
    expect(provider.outputs.apiKey.ciphertext).toEqual(expect.any(String));
    expect(plainExport.stdout).not.toContain(CANARY_API_KEY);
    expect(project.backendText()).toContain("pulumi:providers:aculab");
    expect(project.backendText()).not.toContain(CANARY_API_KEY);

    simulator.resetRequestLog();
    const destroy = await cli(["destroy", "--yes", "--non-interactive"]);
    expect(destroy.code).toBe(0);
    const deletes = simulator.requests().filter((r) => r.service === "tel_delete_numbers");
    expect(deletes.map((r) => r.params.numbers)).toEqual([bought[0]]);
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual([]);
    expect(await project.aculabResources()).toEqual([]);

    for (const run of runs) expect(cliOutput(run)).not.toContain(CANARY_API_KEY);
    expect(project.backendText()).not.toContain(CANARY_API_KEY);
  });
});
