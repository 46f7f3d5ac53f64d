import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { AculabClient } from "../../provider/client";
import { nameFromUrn } from "../../report/resources";
import { repositoryRoot } from "../../harness/workspace";
import {
  accountNumbers,
  CANARY_API_KEY,
  createEngineProject,
  EngineProject,
  numbersInState,
} from "./support/engineProject";

const programs = path.join(repositoryRoot, "test", "engine", "programs");

interface AuditRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `npx aculab-audit ...` in the project folder: the bin through the project's node_modules link,
 * with the ACULAB_* variables and the project's pulumi environment (PATH, backend). Asynchronous,
 * since the simulator answers from this very process.
 */
function runAudit(project: EngineProject, args: string[]): Promise<AuditRun> {
  const { credentials, url } = project.simulator;
  const bin = path.join(project.dir, "node_modules", "pulumi-aculab", "bin", "aculab-audit.js");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: project.dir,
      env: {
        ...process.env,
        ...project.env,
        ACULAB_CLOUD_ID: credentials.cloudId,
        ACULAB_USERNAME: credentials.username,
        ACULAB_API_KEY: credentials.apiKey,
        ACULAB_ENDPOINT: url,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      expect(stdout + stderr).not.toContain(CANARY_API_KEY);
      resolve({ code, stdout, stderr });
    });
  });
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

// A user's account with numbers bought outside Pulumi and a TypeScript stack that holds some of
// them: the audit finds exactly the others, `pulumi import --file` brings them under a YAML
// project through the real CLI, a second audit over both stacks finds nothing unmanaged, and the
// next preview changes nothing. Aculab is only ever listed by the audit.
describe("aculab-audit and pulumi import through the real pulumi CLI", () => {
  let ts: EngineProject;
  let yaml: EngineProject | undefined;
  beforeAll(async () => {
    ts = await createEngineProject({ program: path.join(programs, "audit-ts") });
  });
  afterAll(async () => {
    await yaml?.close();
    await ts?.close();
  });

  it("finds the numbers no stack holds, imports them, and then finds none", async () => {
    const { simulator } = ts;
    const outsidePulumi = new AculabClient({ ...simulator.credentials, endpoint: simulator.url });
    const miltonKeynes = await outsidePulumi.purchaseNumbers({
      country: "United Kingdom",
      region: "Milton Keynes",
      quantity: 2,
    });
    const [toronto] = await outsidePulumi.purchaseNumbers({
      country: "Canada",
      state: "Ontario",
      region: "Toronto",
    });
    const [tollfree] = await outsidePulumi.purchaseNumbers({
      country: "United Kingdom",
      region: "800",
      didType: "tollfree",
      allowLandline: true,
    });
    expect(simulator.callCounts().tel_purchase).toBe(3);

    // The TypeScript stack adopts one of them and buys a London number of its own.
    await ts.stack.setConfig("adopted", { value: miltonKeynes[0] });
    simulator.resetRequestLog();
    const up = await ts.stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 3 });
    expect(simulator.callCounts().tel_purchase).toBe(1);
    const [london] = up.outputs.londonNumbers.value as string[];
    expect(numbersInState(await ts.aculabResources())).toEqual([miltonKeynes[0], london].sort());
    const everything = [...miltonKeynes, toronto, tollfree, london].sort();
    expect(accountNumbers(simulator)).toEqual(everything);

    const owned = simulator.ownedNumbers();
    const expectedUnmanaged = [
      {
        number: toronto,
        country: "Canada",
        state: "Ontario",
        region: "Toronto",
        didType: "geographic",
        monthlyPrice: 2,
        purchased: owned[toronto].purchased,
      },
      {
        number: miltonKeynes[1],
        country: "United Kingdom",
        region: "Milton Keynes",
        didType: "geographic",
        monthlyPrice: 3,
        purchased: owned[miltonKeynes[1]].purchased,
      },
      {
        number: tollfree,
        country: "United Kingdom",
        region: "800",
        didType: "tollfree",
        monthlyPrice: 12,
        purchased: owned[tollfree].purchased,
      },
    ].sort((a, b) => byString(a.number, b.number));
    const drift = {
      unmanaged: expectedUnmanaged,
      missing: [],
      shared: [],
      development: [],
      unmanagedMonthlyCost: 17,
    };

    // --stack: the audit runs `pulumi stack export` itself; one listing, nothing bought or released.
    simulator.resetRequestLog();
    const byStack = await runAudit(ts, [
      "--stack",
      "dev",
      "--format",
      "json",
      "--fail-on-drift",
      "--import-file",
      "out.json",
    ]);
    expect(byStack.code).toBe(2);
    expect(byStack.stderr.split("\n").slice(0, 2)).toEqual([
      "aculab-audit: wrote 3 resource(s) to out.json; run `pulumi import --file out.json` in a project that uses the aculab plugin",
      "aculab-audit: in a TypeScript program with the dynamic resources, add:",
    ]);
    expect(byStack.stderr).toContain(
      `  { country: "Canada", state: "Ontario", region: "Toronto", number: "${toronto}" },\n`,
    );
    expect(
      byStack.stderr.endsWith(
        "aculab-audit: drift: 3 unmanaged, 0 missing, 0 shared; failing because of --fail-on-drift\n",
      ),
    ).toBe(true);
    expect(JSON.parse(byStack.stdout)).toEqual(drift);
    expect(simulator.requests().map((r) => [r.service, r.params])).toEqual([
      ["tel_list_numbers", {}],
    ]);
    const importNames = {
      [toronto]: `canada-ontario-toronto-${toronto}`,
      [miltonKeynes[1]]: `united-kingdom-milton-keynes-${miltonKeynes[1]}`,
      [tollfree]: `united-kingdom-tollfree-800-${tollfree}`,
    };
    const importFile = path.join(ts.dir, "out.json");
    expect(JSON.parse(fs.readFileSync(importFile, "utf8"))).toEqual({
      resources: expectedUnmanaged.map((n) => ({
        type: "aculab:index:InboundNumber",
        name: importNames[n.number],
        id: n.number,
      })),
    });

    // --state on a plain `pulumi stack export` file: the same audit.
    const tsExport = path.join(ts.dir, "dev-export.json");
    expect((await ts.pulumi(["stack", "export", "--file", tsExport])).code).toBe(0);
    simulator.resetRequestLog();
    const byState = await runAudit(ts, ["--state", tsExport, "--format", "json"]);
    expect({ code: byState.code, stderr: byState.stderr }).toEqual({ code: 0, stderr: "" });
    expect(JSON.parse(byState.stdout)).toEqual(drift);
    expect(simulator.requests().map((r) => r.service)).toEqual(["tel_list_numbers"]);

    // `pulumi import --file out.json` in a YAML project that loads the plugin from
    // plugins.providers: it records the three numbers and buys or releases nothing.
    yaml = await createEngineProject({
      program: path.join(programs, "audit-yaml"),
      sharedSimulator: simulator,
      stackName: "imported",
    });
    simulator.resetRequestLog();
    const imported = await yaml.pulumi([
      "import",
      "--file",
      importFile,
      "--yes",
      "--non-interactive",
      "--out",
      "generated.yaml",
    ]);
    expect({ code: imported.code, stderr: imported.stderr }).toEqual({ code: 0, stderr: "" });
    expect(imported.stdout).not.toContain(CANARY_API_KEY);
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual(everything);
    const held = await yaml.aculabResources();
    expect(
      held
        .map((r) => ({
          type: r.type,
          name: nameFromUrn(r.urn),
          id: r.id,
          number: r.outputs.number,
        }))
        .sort((a, b) => byString(a.id!, b.id!)),
    ).toEqual(
      expectedUnmanaged.map((n) => ({
        type: "aculab:index:InboundNumber",
        name: importNames[n.number],
        id: n.number,
        number: n.number,
      })),
    );
    expect(
      held
        .map((r) => [r.id, r.outputs.monthlyPrice])
        .sort((a, b) => byString(`${a[0]}`, `${b[0]}`)),
    ).toEqual(expectedUnmanaged.map((n) => [n.number, n.monthlyPrice]));

    // The user adds the code `pulumi import` generated to the program; the next preview changes
    // nothing.
    const generated = fs.readFileSync(path.join(yaml.dir, "generated.yaml"), "utf8");
    for (const n of expectedUnmanaged) {
      expect(generated).toContain(`  ${importNames[n.number]}:\n    type: aculab:InboundNumber\n`);
      expect(generated).toContain(`      number: '${n.number}'\n`);
    }
    const programFile = path.join(yaml.dir, "Pulumi.yaml");
    const program = fs.readFileSync(programFile, "utf8");
    expect(program).toContain("resources: {}\n");
    fs.writeFileSync(programFile, program.replace("resources: {}\n", `${generated.trimEnd()}\n`));
    simulator.resetRequestLog();
    const preview = await yaml.pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
    expect({ code: preview.code, stderr: preview.stderr, stdout: preview.stdout }).toEqual({
      code: 0,
      stderr: "",
      stdout: expect.stringContaining("4 unchanged"),
    });
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);

    // A second audit over both stacks: nothing unmanaged, no drift.
    const yamlExport = path.join(ts.dir, "imported-export.json");
    expect((await yaml.pulumi(["stack", "export", "--file", yamlExport])).code).toBe(0);
    simulator.resetRequestLog();
    const after = await runAudit(ts, [
      "--stack",
      "dev",
      "--state",
      yamlExport,
      "--format",
      "json",
      "--fail-on-drift",
    ]);
    expect({ code: after.code, stderr: after.stderr }).toEqual({ code: 0, stderr: "" });
    expect(JSON.parse(after.stdout)).toEqual({
      unmanaged: [],
      missing: [],
      shared: [],
      development: [],
      unmanagedMonthlyCost: 0,
    });
    expect(simulator.requests().map((r) => [r.service, r.params])).toEqual([
      ["tel_list_numbers", {}],
    ]);
    const markdown = await runAudit(ts, ["--stack", "dev", "--state", yamlExport]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain("## Aculab account audit: no drift\n");
    expect(markdown.stdout).toContain(
      `The account owns 5 numbers; compared with \`--stack dev\`, \`--state ${yamlExport}\`.`,
    );

    // The key reached neither project's backend nor a plain export in clear text.
    expect(ts.backendText()).not.toContain(CANARY_API_KEY);
    expect(yaml.backendText()).not.toContain(CANARY_API_KEY);
    expect(fs.readFileSync(yamlExport, "utf8")).not.toContain(CANARY_API_KEY);
    expect(accountNumbers(simulator)).toEqual(everything);
  });
});

// A team arriving with an account and a TypeScript program that uses the dynamic resources, which
// `pulumi import` cannot import: the code the audit prints adopts every number, buying nothing.
describe("aculab-audit's adoption code in a dynamic-resource TypeScript program", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({ program: path.join(programs, "audit-adopt-ts") });
  });
  afterAll(() => project?.close());

  it("adopts every unmanaged number of a never-deployed stack, after which the audit finds no drift", async () => {
    const { simulator, stack } = project;
    const outsidePulumi = new AculabClient({ ...simulator.credentials, endpoint: simulator.url });
    const [miltonKeynes] = await outsidePulumi.purchaseNumbers({
      country: "United Kingdom",
      region: "Milton Keynes",
    });
    const [tollfree] = await outsidePulumi.purchaseNumbers({
      country: "United Kingdom",
      region: "800",
      didType: "tollfree",
      allowCellular: true,
    });
    const [toronto] = await outsidePulumi.purchaseNumbers({
      country: "Canada",
      state: "Ontario",
      region: "Toronto",
    });
    const everything = [miltonKeynes, tollfree, toronto].sort();

    // The stack has never been deployed: every number is unmanaged.
    simulator.resetRequestLog();
    const first = await runAudit(project, ["--stack", "dev", "--import-file", "out.json"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(
      "## Aculab account audit: 3 unmanaged numbers ($17.00 a month), 0 missing, 0 shared\n",
    );
    expect(simulator.requests().map((r) => [r.service, r.params])).toEqual([
      ["tel_list_numbers", {}],
    ]);
    const code = /```ts\n([\s\S]*?)\n```/.exec(first.stdout)?.[1];
    expect(code).toContain(
      `  { country: "United Kingdom", region: "800", didType: "tollfree", number: "${tollfree}" },`,
    );

    // Pasted as the program: up records the three numbers and buys or releases nothing.
    fs.writeFileSync(path.join(project.dir, "index.ts"), `${code}\n`);
    simulator.resetRequestLog();
    const up = await stack.up();
    expect(up.summary.resourceChanges).toEqual({ create: 4 });
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(simulator.callCounts().tel_purchase_development ?? 0).toBe(0);
    expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
    const held = await project.aculabResources();
    expect(held.map((r) => [r.type, r.id, nameFromUrn(r.urn)]).sort()).toEqual(
      [
        [`canada-ontario-toronto-${toronto}`, toronto],
        [`united-kingdom-milton-keynes-${miltonKeynes}`, miltonKeynes],
        [`united-kingdom-tollfree-800-${tollfree}`, tollfree],
      ]
        .map(([name, id]) => ["pulumi-nodejs:dynamic/aculab:InboundNumber", id, name])
        .sort(),
    );
    expect(accountNumbers(simulator)).toEqual(everything);

    simulator.resetRequestLog();
    const after = await runAudit(project, [
      "--stack",
      "dev",
      "--format",
      "json",
      "--fail-on-drift",
    ]);
    expect({ code: after.code, stderr: after.stderr }).toEqual({ code: 0, stderr: "" });
    expect(JSON.parse(after.stdout)).toEqual({
      unmanaged: [],
      missing: [],
      shared: [],
      development: [],
      unmanagedMonthlyCost: 0,
    });
    expect(simulator.requests().map((r) => r.service)).toEqual(["tel_list_numbers"]);

    const preview = await project.pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
    expect({ code: preview.code, stderr: preview.stderr }).toEqual({ code: 0, stderr: "" });
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(project.backendText()).not.toContain(CANARY_API_KEY);
  });
});
