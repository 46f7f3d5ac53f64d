import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startSimulator, RunningSimulator } from "../../simulator";
import { repositoryRoot } from "../../harness/workspace";
import {
  accountNumbers,
  aculabResourcesOf,
  CANARY_API_KEY,
  cliOutput,
  createEngineProject,
  EngineProject,
  ExportedResource,
  numbersInState,
  StateResource,
} from "./support/engineProject";

// Issue "An upgrade never touches a number": a stack whose state the previous release wrote (Node
// 20, @pulumi/pulumi 3.248.0, this package at 63016fb) previews and updates with no change under
// the current package, through both doors. The state, the account and the programs are the ones
// test/fixtures/upgrade/make.sh deployed with that release; see docs/engine.md.
const FIXTURE = path.join(repositoryRoot, "test", "fixtures", "upgrade");

interface Fixture {
  commit: string;
  node: string;
  pulumiSdk: string;
  stack: string;
  passphrase: string;
  credentials: { cloudId: string; username: string };
  doors: Record<Door, { endpoint: string }>;
}
type Door = "dynamic" | "plugin";

const fixture: Fixture = JSON.parse(fs.readFileSync(path.join(FIXTURE, "fixture.json"), "utf8"));
const read = (...parts: string[]) => fs.readFileSync(path.join(FIXTURE, ...parts), "utf8");

/**
 * What a user would call the resources, in URN order (an update may reorder the state): everything
 * but the serialized dynamic provider's text, which the SDK writes afresh on every update and which
 * is no input of ours (the engine never diffs on it alone).
 */
function withoutProviderText(resources: StateResource[]) {
  const strip = (properties: Record<string, unknown>) => {
    const { __provider: _provider, ...rest } = properties;
    return rest;
  };
  return resources
    .map((resource) => ({
      ...resource,
      inputs: strip(resource.inputs),
      outputs: strip(resource.outputs),
    }))
    .sort((a, b) => a.urn.localeCompare(b.urn));
}

const SECRET_SIGNATURE = "4dabf18193072939515e22adb298388d";

/**
 * The stack's providers (the default `pulumi:providers:*` the engine recorded with the aculab:*
 * config as inputs), a secret shown as "[secret]": its ciphertext is encrypted afresh on write.
 */
function providersOf(deployment: { resources?: ExportedResource[] }) {
  const mask = (value: unknown): unknown =>
    typeof value === "object" && value !== null && SECRET_SIGNATURE in value ? "[secret]" : value;
  const masked = (properties: Record<string, unknown> = {}) =>
    Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, mask(value)]));
  return (deployment.resources ?? [])
    .filter((resource) => resource.type.startsWith("pulumi:providers:"))
    .map((resource) => ({
      urn: resource.urn,
      id: resource.id,
      inputs: masked(resource.inputs),
      outputs: masked(resource.outputs),
    }));
}

describe("the upgrade fixture", () => {
  it("was made by the previous release, and holds the API key nowhere in clear text", () => {
    expect(fixture.commit).toMatch(/^63016fb/);
    expect(fixture.node).toMatch(/^v20\./);
    expect(fixture.pulumiSdk).toBe("3.248.0");
    const files = fs
      .readdirSync(FIXTURE, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      expect(fs.readFileSync(path.join(file.parentPath, file.name), "utf8")).not.toContain(
        CANARY_API_KEY,
      );
    }
    for (const door of ["dynamic", "plugin"] as Door[]) {
      expect(read(door, `Pulumi.${fixture.stack}.yaml`)).toMatch(
        /^encryptionsalt: v1:[\s\S]*aculab:apiKey:\n\s+secure: v1:/m,
      );
      expect(read(door, "stack.json")).toContain('"ciphertext"');
    }
  });
});

describe.each([
  ["dynamic", "pulumi-nodejs:dynamic/aculab:"],
  ["plugin", "aculab:index:"],
] as Array<[Door, string]>)(
  "a stack the previous release deployed (%s door), after the upgrade",
  (door, typePrefix) => {
    const oldEndpoint = fixture.doors[door].endpoint;
    const fixtureAccount = JSON.parse(read(door, "account.json")) as {
      owned: Record<string, unknown>;
    };
    const fixtureResources = aculabResourcesOf(JSON.parse(read(door, "stack.json")).deployment);
    let fixtureProviders: ReturnType<typeof providersOf>;
    let scratch: string;
    let simulator: RunningSimulator;
    let project: EngineProject;

    beforeAll(async () => {
      // The account as the old release left it, in a copy: the simulator writes to its state file.
      scratch = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-upgrade-"));
      fs.copyFileSync(path.join(FIXTURE, door, "account.json"), path.join(scratch, "account.json"));
      simulator = await startSimulator({
        apiKey: CANARY_API_KEY,
        ...fixture.credentials,
        statePath: path.join(scratch, "account.json"),
      });
      const substitute = (text: string) => text.split(oldEndpoint).join(simulator.url);
      project = await createEngineProject({
        program: path.join(FIXTURE, door, "program"),
        files: {
          [`Pulumi.${fixture.stack}.yaml`]: substitute(read(door, `Pulumi.${fixture.stack}.yaml`)),
        },
        givenStackConfig: true,
        stackName: fixture.stack,
        sharedSimulator: simulator,
      });
      expect(project.env.PULUMI_CONFIG_PASSPHRASE).toBe(fixture.passphrase);
      const state = substitute(read(door, "stack.json"));
      expect(state).not.toContain(oldEndpoint);
      fs.writeFileSync(path.join(scratch, "stack.json"), state);
      fixtureProviders = providersOf(JSON.parse(state).deployment);
      const imported = await project.pulumi([
        "stack",
        "import",
        "--file",
        path.join(scratch, "stack.json"),
      ]);
      expect(cliOutput(imported)).toContain("Import complete.");
      expect(imported.code).toBe(0);
    });
    afterAll(async () => {
      await project?.close();
      await simulator?.stop();
      if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    });

    it("previews and updates with no change, refreshes to the same, and never buys or releases a number", async () => {
      const started = Date.now();
      const owned = Object.keys(fixtureAccount.owned).sort();
      expect(owned).toHaveLength(3);
      expect(fixtureResources.map((resource) => resource.type).sort()).toEqual([
        `${typePrefix}InboundNumber`,
        `${typePrefix}NumberBlock`,
      ]);
      expect(numbersInState(fixtureResources)).toEqual(owned);
      expect(fixtureProviders).toHaveLength(1);
      expect(fixtureProviders[0].inputs).toEqual(
        expect.objectContaining({
          [door === "plugin" ? "endpoint" : "aculab:endpoint"]: simulator.url,
        }),
      );
      expect(accountNumbers(simulator)).toEqual(owned);
      expect(withoutProviderText(await project.aculabResources())).toEqual(
        withoutProviderText(fixtureResources),
      );
      simulator.resetRequestLog();

      const unchanged = async (after: string) => {
        expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
        expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
        expect(accountNumbers(simulator)).toEqual(owned);
        const resources = await project.aculabResources();
        expect(numbersInState(resources)).toEqual(owned);
        expect({ after, resources: withoutProviderText(resources) }).toEqual({
          after,
          resources: withoutProviderText(fixtureResources),
        });
        // The default provider kept its id and config (a new one would be a replacement).
        expect({ after, providers: providersOf((await project.exportStack()).deployment) }).toEqual(
          {
            after,
            providers: fixtureProviders,
          },
        );
      };

      // The engine's own verdict, step by step (--show-sames lists them all): every resource the same.
      const preview = await project.pulumi([
        "preview",
        "--expect-no-changes",
        "--json",
        "--show-sames",
        "--non-interactive",
      ]);
      expect({ code: preview.code, stderr: preview.stderr }).toEqual({ code: 0, stderr: "" });
      const plan = JSON.parse(preview.stdout) as {
        steps: Array<{ op: string; urn: string; diffReasons?: string[]; detailedDiff?: unknown }>;
        changeSummary: Record<string, number>;
      };
      const verdicts = plan.steps.map((step) => ({
        urn: step.urn,
        op: step.op,
        diffReasons: step.diffReasons ?? [],
        detailedDiff: step.detailedDiff ?? null,
      }));
      expect(verdicts).toEqual(
        verdicts.map(({ urn }) => ({ urn, op: "same", diffReasons: [], detailedDiff: null })),
      );
      // The stack and our two resources (a default provider is no step of its own).
      expect(verdicts.map(({ urn }) => urn)).toEqual(
        expect.arrayContaining(fixtureResources.map((resource) => resource.urn)),
      );
      expect(plan.steps).toHaveLength(3);
      expect(plan.changeSummary).toEqual({ same: 3 });
      await unchanged("preview");

      const up = await project.pulumi(["up", "--expect-no-changes", "--yes", "--non-interactive"]);
      expect({ code: up.code, stderr: up.stderr }).toEqual({ code: 0, stderr: "" });
      expect(up.stdout).toMatch(/\b\d+ unchanged\b/);
      expect(up.stdout).not.toMatch(/\b(created|updated|deleted|replaced)\b/);
      await unchanged("up");

      const refresh = await project.stack.refresh();
      expect(refresh.summary.result).toBe("succeeded");
      expect(Object.keys(refresh.summary.resourceChanges ?? {})).toEqual(["same"]);
      // Refresh really asked the account.
      expect(simulator.callCounts().tel_list_numbers).toBeGreaterThanOrEqual(1);
      await unchanged("refresh");

      const again = await project.pulumi(["preview", "--expect-no-changes", "--non-interactive"]);
      expect(again.code).toBe(0);
      await unchanged("a second preview");

      let providerText = "";
      if (door === "dynamic") {
        // The provider text in state after the update loads this package by name, as before.
        const resources = await project.aculabResources();
        for (const resource of resources) {
          expect(resource.inputs.__provider).toContain('require("pulumi-aculab/dynamic-host")');
          expect(resource.outputs.__provider).toBe(resource.inputs.__provider);
        }
        const same = resources.every(
          (resource) =>
            resource.inputs.__provider ===
            fixtureResources.find((old) => old.urn === resource.urn)?.inputs.__provider,
        );
        providerText = `, __provider text ${same ? "unchanged" : "rewritten"}`;
      }
      expect(project.backendText()).not.toContain(CANARY_API_KEY);
      const sdk = JSON.parse(
        fs.readFileSync(
          require.resolve("@pulumi/pulumi/package.json", { paths: [repositoryRoot] }),
          "utf8",
        ),
      ).version;
      process.stderr.write(
        `upgrade (${door} door, Node ${process.version}, @pulumi/pulumi ${sdk}${providerText}): ` +
          `import, preview, up, refresh, preview in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
      );
    });
  },
);
