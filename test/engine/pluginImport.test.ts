import * as fs from "node:fs";
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
} from "./support/engineProject";

// A YAML project with no resources yet: the generated code, which starts with `resources:`, is
// pasted at its end, as the CLI tells the user to.
const PROJECT = `name: aculab-import
runtime: yaml
plugins:
  providers:
    - name: aculab
      path: ./node_modules/.bin
`;

// Exactly what `pulumi import` printed for the Winnipeg number (pulumi-language-yaml v1.25.0):
// the short type token, every input the plugin's Read returned, and protect, which the CLI
// adds to every import.
const generatedCode = (number: string) => `resources:
  helpdesk:
    type: aculab:InboundNumber
    properties:
      country: Canada
      didType: geographic
      number: '${number}'
      region: Winnipeg
      state: Manitoba
    options:
      protect: true
`;

// `pulumi import` of a number bought outside Pulumi, through the plugin, as a YAML user runs it.
describe("pulumi import with the native plugin through the real pulumi CLI", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({
      program: path.join(repositoryRoot, "examples", "yaml"),
      files: { "Pulumi.yaml": PROJECT },
    });
  });
  afterAll(() => project?.close());

  it("imports an owned number with the listing's details, buying nothing; the generated code previews with no changes", async () => {
    const { simulator } = project;
    const runs: CliRun[] = [];
    const cli = async (args: string[]) => {
      const run = await project.pulumi(args);
      runs.push(run);
      return run;
    };

    // Bought outside Pulumi, e.g. in the Aculab Cloud console.
    const client = new AculabClient({ ...simulator.credentials, endpoint: simulator.url });
    const [number] = await client.purchaseNumbers({
      country: "Canada",
      state: "Manitoba",
      region: "Winnipeg",
    });
    const listed = (await client.listNumbers())[number];
    expect(listed).toEqual({
      number,
      country: "Canada",
      state: "Manitoba",
      region: "Winnipeg",
      didType: "geographic",
      monthlyPrice: 2,
      purchased: simulator.ownedNumbers()[number].purchased,
    });

    simulator.resetRequestLog();
    const imported = await cli([
      "import",
      "aculab:index:InboundNumber",
      "helpdesk",
      number,
      "--yes",
      "--non-interactive",
    ]);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain("= 1 imported");
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(simulator.callCounts().tel_purchase_development ?? 0).toBe(0);
    expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
    expect(simulator.callCounts().tel_list_numbers).toBeGreaterThanOrEqual(1);
    expect(accountNumbers(simulator)).toEqual([number]);

    const [helpdesk] = await project.aculabResources();
    expect(helpdesk.type).toBe("aculab:index:InboundNumber");
    expect(helpdesk.id).toBe(number);
    expect(helpdesk.outputs).toEqual({
      number,
      country: listed.country,
      state: listed.state,
      region: listed.region,
      didType: listed.didType,
      monthlyPrice: listed.monthlyPrice,
      purchased: listed.purchased,
    });
    expect(helpdesk.inputs).toEqual({
      number,
      country: "Canada",
      state: "Manitoba",
      region: "Winnipeg",
      didType: "geographic",
    });
    const state = await project.exportStack();
    const record = (state.deployment.resources as Array<Record<string, unknown>>).find(
      (r) => r.urn === helpdesk.urn,
    );
    expect(record?.protect).toBe(true);

    // The code the CLI printed, pasted into the program as it tells the user to.
    const code = imported.stdout.slice(imported.stdout.indexOf("resources:"));
    expect(code.trimEnd()).toBe(generatedCode(number).trimEnd());
    fs.appendFileSync(path.join(project.dir, "Pulumi.yaml"), code);

    simulator.resetRequestLog();
    const noChanges = await cli(["preview", "--expect-no-changes", "--non-interactive", "--diff"]);
    expect(noChanges.code).toBe(0);
    expect(noChanges.stdout).toContain("2 unchanged");
    const up = await cli(["up", "--yes", "--non-interactive"]);
    expect(up.code).toBe(0);
    expect(up.stdout).toContain("2 unchanged");
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual([number]);
    expect((await project.aculabResources()).map((r) => r.outputs.number)).toEqual([number]);

    for (const run of runs) expect(cliOutput(run)).not.toContain(CANARY_API_KEY);
    expect(project.backendText()).not.toContain(CANARY_API_KEY);
  });

  it("refuses a NumberBlock import and a number the account does not own, through the CLI, changing nothing", async () => {
    const { simulator } = project;
    const before = accountNumbers(simulator);
    const resourcesBefore = await project.aculabResources();

    simulator.resetRequestLog();
    const block = await project.pulumi([
      "import",
      "aculab:index:NumberBlock",
      "pool",
      "some-block-id",
      "--yes",
      "--non-interactive",
    ]);
    expect(block.code).not.toBe(0);
    expect(cliOutput(block)).toContain(
      'error: Preview failed: NumberBlock cannot be imported: its id ("some-block-id") is generated by the ' +
        "provider and Aculab keeps no record of which numbers form a block. Import each number as an " +
        "InboundNumber instead: pulumi import aculab:index:InboundNumber <name> <number>.",
    );

    const notOwned = await project.pulumi([
      "import",
      "aculab:index:InboundNumber",
      "stranger",
      "441908538999",
      "--yes",
      "--non-interactive",
    ]);
    expect(notOwned.code).not.toBe(0);
    expect(cliOutput(notOwned)).toContain(
      "Cannot import InboundNumber 441908538999: this Aculab account does not own it. " +
        "Import a number that listNumbers() returns, digits only, e.g. 441908538007.",
    );

    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual(before);
    expect(await project.aculabResources()).toEqual(resourcesBefore);
    for (const run of [block, notOwned]) expect(cliOutput(run)).not.toContain(CANARY_API_KEY);
  });
});
