import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
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
import { installPolicyPack } from "./support/policyPack";

const yamlProject = (resources: string) => `name: aculab-policy
runtime: yaml
plugins:
  providers:
    - name: aculab
      path: ./node_modules/.bin
resources:
${resources}`;

const block = (quantity: number) => `  pool:
    type: aculab:index:NumberBlock
    properties:
      country: United Kingdom
      region: Milton Keynes
      quantity: ${quantity}
    options:
      protect: true
`;

const payphoneTollfree = `  freephone:
    type: aculab:index:InboundNumber
    properties:
      country: Canada
      region: "855"
      didType: tollfree
      allowPayphone: true
    options:
      protect: true
`;

const PRICES = [
  { country: "United Kingdom", didType: "geographic", monthlyUsd: 3 },
  { country: "Canada", region: "855", didType: "tollfree", monthlyUsd: 12 },
];

// `pulumi preview --policy-pack` with the aculab pack as an installed pulumi-aculab ships it, run by
// the engine through Pulumi's Node.js host's RunPlugin, against a YAML project on the native plugin.
describe("the aculab policy pack under the real pulumi CLI", () => {
  let project: EngineProject;
  let pack: string;
  const runs: CliRun[] = [];

  const usePolicyConfig = (config: object): string => {
    const file = path.join(path.dirname(project.dir), "aculab-policy.json");
    fs.writeFileSync(file, JSON.stringify(config));
    return file;
  };
  const setProgram = (resources: string) =>
    fs.writeFileSync(path.join(project.dir, "Pulumi.yaml"), yamlProject(resources));
  const withPack = async (command: string[], config: object) => {
    const run = await project.pulumi([
      ...command,
      "--non-interactive",
      "--policy-pack",
      pack,
      "--policy-pack-config",
      usePolicyConfig(config),
    ]);
    runs.push(run);
    return run;
  };

  beforeAll(async () => {
    project = await createEngineProject({
      program: path.join(repositoryRoot, "examples", "yaml"),
      files: { "Pulumi.yaml": yamlProject(block(5)) },
    });
    pack = installPolicyPack(path.dirname(project.dir));
  });
  afterAll(() => project?.close());
  // Every command's output, checked at the end of each test: the key never shows.
  afterEach(() => {
    for (const run of runs.splice(0)) expect(cliOutput(run)).not.toContain(CANARY_API_KEY);
  });

  it("a block over the number limit and the budget fails preview and up with both policies' messages, buying nothing", async () => {
    const { simulator } = project;
    setProgram(block(5));
    const config = {
      "max-numbers": { maxNumbers: 3 },
      "max-monthly-cost": { maxMonthlyUsd: 10, prices: PRICES },
    };

    const preview = await withPack(["preview"], config);
    expect(preview.code).toBe(1);
    const text = cliOutput(preview);
    expect(text).toContain("❌ aculab@v0.1.0");
    expect(text).toContain("[mandatory]  max-numbers  (pulumi:pulumi:Stack: aculab-policy-dev)");
    expect(text).toContain(
      'The stack would hold 5 Aculab numbers, over the limit of 3: NumberBlock "pool" 5.',
    );
    expect(text).toContain(
      "[mandatory]  max-monthly-cost  (pulumi:pulumi:Stack: aculab-policy-dev)",
    );
    expect(text).toContain(
      'Aculab numbers would cost $15.00 per month, over the budget of $10.00: NumberBlock "pool" $15.00.',
    );

    // The pull-request workflow's preview: --json still prints the steps (so the report can show
    // the purchase) but names no policy, which is why the workflow previews again as text.
    const json = await withPack(["preview", "--json", "--show-sames"], config);
    expect(json.code).toBe(1);
    expect(json.stderr).toBe("");
    const previewJson = JSON.parse(json.stdout);
    expect(previewJson.diagnostics).toEqual([
      { message: "error: preview failed\n", severity: "error" },
    ]);
    expect(json.stdout).not.toContain("max-numbers");
    const jsonFile = path.join(path.dirname(project.dir), "preview.json");
    fs.writeFileSync(jsonFile, json.stdout);
    const report = spawnSync(
      process.execPath,
      [
        path.join(repositoryRoot, "bin", "aculab-preview-report.js"),
        "--input",
        jsonFile,
        "--fail-on-release",
      ],
      { encoding: "utf8" },
    );
    expect(report.status).toBe(0);
    expect(report.stdout).toContain("**Buy:** 5 numbers · **Release (irreversible):** 0 numbers");

    // `up` previews first: the violation stops it before anything is bought.
    const up = await withPack(["up", "--yes"], config);
    expect(up.code).toBe(1);
    expect(cliOutput(up)).toContain(
      'The stack would hold 5 Aculab numbers, over the limit of 3: NumberBlock "pool" 5.',
    );
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual([]);
    expect(await project.aculabResources()).toEqual([]);
  });

  it("an unprotected number fails no-release-without-approval, naming the resource and the fix", async () => {
    const { simulator } = project;
    setProgram(block(2).replace("    options:\n      protect: true\n", ""));
    const preview = await withPack(["preview"], { "max-numbers": { maxNumbers: 3 } });
    expect(preview.code).toBe(1);
    expect(cliOutput(preview)).toContain(
      "[mandatory]  no-release-without-approval  (aculab:index:NumberBlock: pool)",
    );
    expect(cliOutput(preview)).toContain(
      'NumberBlock "pool" is not protected, so a change could delete or replace it and release its ' +
        "numbers irreversibly. Set the resource option protect: true, or approve the release by adding " +
        '"pool" to approvedReleases of no-release-without-approval.',
    );

    // Approving the release by name is the documented way through.
    const approved = await withPack(["preview"], {
      "max-numbers": { maxNumbers: 3 },
      "no-release-without-approval": { approvedReleases: ["pool"] },
    });
    expect(approved.code).toBe(0);
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual([]);
  });

  it("a compliant stack passes preview and up (the toll-free payphone warning is advisory); a second holder of a bought number then fails", async () => {
    const { simulator } = project;
    setProgram(block(2) + payphoneTollfree);
    const config = {
      "max-numbers": { maxNumbers: 3 },
      "max-monthly-cost": { maxMonthlyUsd: 20, prices: PRICES },
    };
    const advisory =
      'InboundNumber "freephone" is a toll-free number that accepts payphone calls (allowPayphone: true); ' +
      "you pay the payphone surcharge on every such call.";

    const preview = await withPack(["preview"], config);
    expect(preview.code).toBe(0);
    expect(cliOutput(preview)).toContain(
      "[advisory]  tollfree-call-types  (aculab:index:InboundNumber: freephone)",
    );
    expect(cliOutput(preview)).toContain(advisory);
    expect(cliOutput(preview)).not.toContain("[mandatory]");
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);

    simulator.resetRequestLog();
    const up = await withPack(["up", "--yes"], config);
    expect(up.code).toBe(0);
    expect(cliOutput(up)).toContain(advisory);
    const purchases = simulator
      .requests()
      .filter((r) => r.service === "tel_purchase")
      .map((r) => r.params)
      .sort((a, b) => a.country.localeCompare(b.country));
    expect(purchases).toEqual([
      {
        country: "Canada",
        region: "855",
        did_type: "tollfree",
        allow_payphone: "True",
        quantity: "1",
      },
      { country: "United Kingdom", region: "Milton Keynes", did_type: "geographic", quantity: "2" },
    ]);
    const bought = accountNumbers(simulator);
    expect(bought).toHaveLength(3);
    expect(numbersInState(await project.aculabResources())).toEqual(bought);

    // An InboundNumber adopting one of the block's numbers: two resources would hold it, and
    // releasing it for one would take it from the other.
    const [pool] = (await project.aculabResources()).filter(
      (r) => r.type === "aculab:index:NumberBlock",
    );
    const shared = (pool.outputs.numbers as string[])[0];
    setProgram(
      block(2) +
        payphoneTollfree +
        `  adopted:
    type: aculab:index:InboundNumber
    properties:
      country: United Kingdom
      region: Milton Keynes
      number: "${shared}"
    options:
      protect: true
`,
    );
    simulator.resetRequestLog();
    // (The adopted number is priced a second time, so the budget is raised: one violation only.)
    const twice = await withPack(["preview"], {
      "max-numbers": { maxNumbers: 10 },
      "max-monthly-cost": { maxMonthlyUsd: 30, prices: PRICES },
    });
    expect(twice.code).toBe(1);
    expect(cliOutput(twice)).toContain(
      "[mandatory]  one-holder-per-number  (pulumi:pulumi:Stack: aculab-policy-dev)",
    );
    expect(cliOutput(twice)).toContain(
      // Holders by name, whatever order the engine hands the stack's resources in.
      `Aculab number ${shared} is held by InboundNumber "adopted" and NumberBlock "pool": ` +
        "releasing it for one (a delete, a replacement, a shrink) takes it from the other.",
    );
    expect(cliOutput(twice).match(/\[mandatory\]/g)).toEqual(["[mandatory]"]);
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual(bought);
    expect(project.backendText()).not.toContain(CANARY_API_KEY);
  });
});
