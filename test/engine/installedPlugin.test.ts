import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repositoryRoot } from "../../harness/workspace";
import { model } from "../../provider/model";
import { cliBinDir } from "./support/cli";
import {
  accountNumbers,
  CANARY_API_KEY,
  cliOutput,
  CliRun,
  createEngineProject,
  EngineProject,
  numbersInState,
  outsideClient,
} from "./support/engineProject";
import { goModulesDownloaded, pythonPackageIndex } from "./support/localPackages";
import {
  buildRelease,
  pathWithoutNode,
  Release,
  ReleaseServer,
  startReleaseServer,
} from "./support/release";

// The provider as a user outside this repository installs it (issue 21): the plugin is the
// single executable of `npm run package`, installed into the CLI's plugin cache by the CLI itself
// (from pluginDownloadURL, or from the archive with `plugin install -f`); the SDK comes from the
// built wheel, Go module or npm tarball; Pulumi.yaml names no plugin path; and the CLI, Pulumi's
// own language hosts and the program run on a PATH where no `node` can be found.

const EXAMPLES = path.join(repositoryRoot, "examples");

/** The example's Pulumi.yaml without its `plugins:` section (the path into this repository). */
function pulumiYamlOfUser(example: string): string {
  const text = fs.readFileSync(path.join(EXAMPLES, example, "Pulumi.yaml"), "utf8");
  const withoutPlugins = text.replace(/^(#[^\n]*\n)*plugins:\n( [^\n]*\n|\n)*/m, "");
  if (/^plugins:/m.test(withoutPlugins)) {
    throw new Error(`examples/${example}/Pulumi.yaml's plugins section was not recognised`);
  }
  return withoutPlugins;
}

let release: Release;
let server: ReleaseServer;
let noNodePath: string;

beforeAll(async () => {
  release = buildRelease();
  server = await startReleaseServer(release);
  noNodePath = pathWithoutNode(cliBinDir());
}, 600_000);
afterAll(async () => {
  await server?.close();
  if (release) fs.rmSync(release.dir, { recursive: true, force: true });
});

const archiveName = () => `pulumi-resource-aculab-v${release.version}-linux-amd64.tar.gz`;

/** The plugin the CLI installed into the project's PULUMI_HOME: the release's executable, not a script. */
function expectInstalledExecutable(project: EngineProject): void {
  const installed = path.join(
    project.env.PULUMI_HOME,
    "plugins",
    `resource-aculab-v${release.version}`,
    "pulumi-resource-aculab",
  );
  const head = Buffer.alloc(4);
  const fd = fs.openSync(installed, "r");
  fs.readSync(fd, head, 0, 4, 0);
  fs.closeSync(fd);
  expect(head.toString("latin1")).toBe("\x7fELF");
  expect(fs.statSync(installed).mode & 0o111).toBe(0o111);
}

/**
 * preview, up, refresh, `pulumi import` of a number bought outside Pulumi, destroy: an example's
 * program in Milton Keynes, its purchases' quantities given (Python and Go: one InboundNumber and a
 * NumberBlock of two, and a function call; YAML: one InboundNumber and the function call).
 */
async function lifecycle(
  project: EngineProject,
  runs: CliRun[],
  quantities: string[] = ["1", "2"],
): Promise<void> {
  const { simulator, stack } = project;
  const cli = async (args: string[]) => {
    const run = await project.pulumi(args);
    runs.push(run);
    if (run.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed:\n${cliOutput(run)}`);
    return run;
  };
  const purchases = () =>
    simulator
      .requests()
      .filter((r) => r.service === "tel_purchase")
      .map((r) => r.params);

  // The stack and each resource.
  const created = quantities.length + 1;
  const preview = await cli(["preview", "--non-interactive"]);
  expect(preview.stdout).toContain(`+ ${created} to create`);
  expect(purchases()).toEqual([]);

  const up = await cli(["up", "--yes", "--non-interactive"]);
  expect(up.stdout).toContain(`+ ${created} created`);
  const place = { country: "United Kingdom", region: "Milton Keynes", did_type: "geographic" };
  expect(purchases().sort((a, b) => a.quantity.localeCompare(b.quantity))).toEqual(
    quantities.map((quantity) => ({ ...place, quantity })),
  );
  const bought = accountNumbers(simulator);
  expect(bought).toHaveLength(quantities.reduce((sum, q) => sum + Number(q), 0));
  const outputs = await stack.outputs();
  expect([outputs.number.value, ...(outputs.salesNumbers?.value ?? [])].sort()).toEqual(bought);
  expect(outputs.regions.value).toContain("Milton Keynes");

  simulator.resetRequestLog();
  const refresh = await cli(["refresh", "--yes", "--non-interactive"]);
  expect(refresh.stdout).not.toMatch(/[~+-] \d+ (updated|created|deleted)/);
  // Listings only (how many is test/engine/callCounts.test.ts's to assert): nothing bought or released.
  expect(Object.keys(simulator.callCounts())).toEqual(["tel_list_numbers"]);

  // A number bought in the Aculab console, then imported: recorded, nothing bought or released.
  const [outside] = await outsideClient(simulator).purchaseNumbers({
    country: "Canada",
    state: "Manitoba",
    region: "Winnipeg",
  });
  simulator.resetRequestLog();
  const imported = await cli([
    "import",
    "aculab:index:InboundNumber",
    "helpdesk",
    outside,
    "--protect=false",
    "--yes",
    "--non-interactive",
  ]);
  expect(imported.stdout).toContain("= 1 imported");
  expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
  expect(simulator.callCounts().tel_delete_numbers ?? 0).toBe(0);
  expect(numbersInState(await project.aculabResources()).sort()).toEqual(
    [...bought, outside].sort(),
  );

  simulator.resetRequestLog();
  await cli(["destroy", "--yes", "--non-interactive"]);
  const released = simulator
    .requests()
    .filter((r) => r.service === "tel_delete_numbers")
    .flatMap((r) => String(r.params.numbers).split(","));
  expect(released.sort()).toEqual([...bought, outside].sort());
  expect(accountNumbers(simulator)).toEqual([]);

  for (const run of runs) expect(cliOutput(run)).not.toContain(CANARY_API_KEY);
  expect(project.backendText()).not.toContain(CANARY_API_KEY);
}

describe("Python: `pulumi install` fetches the plugin through pluginDownloadURL; the SDK is the built wheel; no Node.js", () => {
  let project: EngineProject;
  beforeAll(async () => {
    const requirements = `pulumi==3.272.0\npulumi_aculab==${release.version}\n`;
    const requirementsFile = path.join(release.dir, "requirements.txt");
    fs.writeFileSync(requirementsFile, requirements);
    project = await createEngineProject({
      program: path.join(EXAMPLES, "python"),
      files: { "Pulumi.yaml": pulumiYamlOfUser("python"), "requirements.txt": requirements },
      env: {
        ...pythonPackageIndex(requirementsFile, "sdk", release.pythonDir),
        ...server.env,
        PATH: noNodePath,
      },
    });
  }, 600_000);
  afterAll(() => project?.close());

  it("install downloads exactly the linux-amd64 archive; preview, up, refresh, import and destroy run on the executable", async () => {
    const runs: CliRun[] = [];
    const install = await project.pulumi(["install"]);
    runs.push(install);
    expect({ code: install.code, output: cliOutput(install) }).toMatchObject({ code: 0 });
    expect(server.requests).toEqual([`GET /v${release.version}/${archiveName()}`]);
    expectInstalledExecutable(project);
    // The SDK the program imports is the wheel's, which names our server in pulumi-plugin.json.
    const plugin = path.join(project.dir, "venv", "lib");
    const [pythonLib] = fs.readdirSync(plugin);
    expect(
      JSON.parse(
        fs.readFileSync(
          path.join(plugin, pythonLib, "site-packages", "pulumi_aculab", "pulumi-plugin.json"),
          "utf8",
        ),
      ),
    ).toEqual({
      resource: true,
      name: "aculab",
      version: release.version,
      server: model.pluginDownloadURL,
    });
    await lifecycle(project, runs);
  });
});

describe("Python: a stack made with an SDK that named no download server moves to the released SDK", () => {
  let project: EngineProject;
  let python: Record<string, string>;
  beforeAll(async () => {
    const released = `pulumi==3.272.0\npulumi_aculab==${release.version}\n`;
    const requirementsFile = path.join(release.dir, "requirements.txt");
    fs.writeFileSync(requirementsFile, released);
    python = pythonPackageIndex(requirementsFile, "sdk", release.pythonDir);
    project = await createEngineProject({
      program: path.join(EXAMPLES, "python"),
      files: {
        "Pulumi.yaml": pulumiYamlOfUser("python"),
        "requirements.txt": "pulumi==3.272.0\n./old-sdk\n",
      },
      env: { ...python, PATH: noNodePath },
    });
    // The SDK as generated before schema.json had pluginDownloadURL: the same files but for the
    // download URL its resources send and the server its pulumi-plugin.json names.
    const oldSdk = path.join(project.dir, "old-sdk");
    fs.cpSync(path.join(repositoryRoot, "sdk", "python"), oldSdk, { recursive: true });
    const utilities = path.join(oldSdk, "pulumi_aculab", "_utilities.py");
    const text = fs.readFileSync(utilities, "utf8");
    const withoutUrl = text.replace(`return "${model.pluginDownloadURL}"`, "return None");
    expect(withoutUrl).not.toBe(text);
    fs.writeFileSync(utilities, withoutUrl);
    const pluginJson = path.join(oldSdk, "pulumi_aculab", "pulumi-plugin.json");
    const { server: _server, ...withoutServer } = JSON.parse(fs.readFileSync(pluginJson, "utf8"));
    fs.writeFileSync(pluginJson, JSON.stringify(withoutServer));
  }, 600_000);
  afterAll(() => project?.close());

  it("the default provider changes name and nothing is replaced, bought or released", async () => {
    const { simulator } = project;
    const cli = async (args: string[]) => {
      const run = await project.pulumi(args);
      if (run.code !== 0) throw new Error(`pulumi ${args.join(" ")} failed:\n${cliOutput(run)}`);
      return run;
    };
    await cli([
      "plugin",
      "install",
      "resource",
      "aculab",
      release.version,
      "-f",
      release.pluginArchive,
    ]);
    await cli(["install"]);
    await cli(["up", "--yes", "--non-interactive"]);
    const bought = accountNumbers(simulator);
    expect(bought).toHaveLength(3);
    const providersOf = async () =>
      ((await project.exportStack()).deployment.resources as Array<{ urn: string; type: string }>)
        .filter((r) => r.type === "pulumi:providers:aculab")
        .map((r) => r.urn.split("::").pop());
    expect(await providersOf()).toEqual([`default_${release.version.replace(/\./g, "_")}`]);

    // The upgrade a user makes: pip installs the released wheel over the old SDK.
    const wheel = path.join(release.pythonDir, `pulumi_aculab-${release.version}-py3-none-any.whl`);
    const pip = spawn(
      path.join(project.dir, "venv", "bin", "python"),
      ["-m", "pip", "install", "--quiet", "--force-reinstall", "--no-deps", wheel],
      { cwd: project.dir, env: { ...process.env, ...python }, stdio: ["ignore", "ignore", "pipe"] },
    );
    let pipErrors = "";
    pip.stderr!.on("data", (chunk) => (pipErrors += chunk));
    expect(await new Promise((resolve) => pip.on("close", resolve))).toBe(0);
    expect(pipErrors).toBe("");

    simulator.resetRequestLog();
    const preview = JSON.parse((await cli(["preview", "--json", "--non-interactive"])).stdout);
    const ops = (preview.steps as Array<{ op: string; urn: string }>)
      .filter((step) => step.op !== "same")
      .map((step) => `${step.op} ${step.urn.split("::").slice(-2).join("::")}`)
      .sort();
    // Every step is a "same": our DiffConfig (never a replacement) lets each number keep its
    // resource under the new default provider.
    expect(ops).toEqual([]);

    await cli(["up", "--yes", "--non-interactive"]);
    const calls = simulator.callCounts();
    expect(calls.tel_purchase ?? 0).toBe(0);
    expect(calls.tel_delete_numbers ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual(bought);
    expect(numbersInState(await project.aculabResources()).sort()).toEqual(bought);
    expect(await providersOf()).toEqual([
      `default_${release.version.replace(/\./g, "_")}_${model.pluginDownloadURL.replace("://", "_/")}`,
    ]);
  });
});

describe("Go: `pulumi install` fetches the plugin the module names; the SDK is the released module from a module proxy; no Node.js", () => {
  let project: EngineProject;
  let goEnv: Record<string, string>;
  beforeAll(async () => {
    const goMod = fs
      .readFileSync(path.join(EXAMPLES, "go", "go.mod"), "utf8")
      .replace(/\n\/\/ The SDK generated[^\n]*\nreplace [^\n]*\n/, "\n")
      .replace(/(pulumi-aculab\/sdk\/go) v0\.0\.0/, `$1 v${release.version}`);
    expect(goMod).not.toContain("replace");
    // The module as `go get` fetches it once the release has tagged sdk/go/v<version>: from a
    // proxy (here the release's folder in the proxy's layout, then the usual proxy for the rest).
    goEnv = {
      GOPROXY: `file://${release.goProxy},${process.env.GOPROXY ?? "https://proxy.golang.org"}`,
      GONOSUMDB: "github.com/aculab-pulumi",
      GOFLAGS: "-mod=mod",
    };
    project = await createEngineProject({
      program: path.join(EXAMPLES, "go"),
      files: { "Pulumi.yaml": pulumiYamlOfUser("go"), "go.mod": goMod },
      env: { ...goEnv, ...server.env, PATH: noNodePath },
    });
    fs.rmSync(path.join(project.dir, "go.sum"), { force: true });
    const tidy = spawn("go", ["mod", "tidy"], {
      cwd: project.dir,
      env: { ...process.env, ...goEnv },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    tidy.stderr!.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => tidy.on("close", resolve));
    if (code !== 0) throw new Error(`go mod tidy failed:\n${stderr}`);
    goModulesDownloaded(project.dir, goEnv);
  }, 600_000);
  afterAll(() => project?.close());

  it("install downloads exactly the linux-amd64 archive; preview, up, refresh, import and destroy run on the executable", async () => {
    const runs: CliRun[] = [];
    const before = server.requests.length;
    const install = await project.pulumi(["install"]);
    runs.push(install);
    expect({ code: install.code, output: cliOutput(install) }).toMatchObject({ code: 0 });
    expect(server.requests.slice(before)).toEqual([`GET /v${release.version}/${archiveName()}`]);
    expectInstalledExecutable(project);
    expect(fs.readFileSync(path.join(project.dir, "go.sum"), "utf8")).toContain(
      `github.com/aculab-pulumi/pulumi-aculab/sdk/go v${release.version} h1:`,
    );
    await lifecycle(project, runs);
  });
});

describe("YAML: `pulumi plugin install resource aculab <version> --server <pluginDownloadURL>`; no Node.js", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({
      program: path.join(EXAMPLES, "yaml"),
      files: { "Pulumi.yaml": pulumiYamlOfUser("yaml") },
      env: { ...server.env, PATH: noNodePath },
    });
  });
  afterAll(() => project?.close());

  it("the CLI downloads the archive from the server the schema names; preview, up, refresh, import and destroy run on the executable", async () => {
    const before = server.requests.length;
    const install = await project.pulumi([
      "plugin",
      "install",
      "resource",
      "aculab",
      release.version,
      "--server",
      model.pluginDownloadURL,
    ]);
    expect({ code: install.code, output: cliOutput(install) }).toMatchObject({ code: 0 });
    expect(server.requests.slice(before)).toEqual([`GET /v${release.version}/${archiveName()}`]);
    expectInstalledExecutable(project);
    await lifecycle(project, [install], ["1"]);
  });
});

describe("TypeScript: the Node SDK (the plugin, fetched by `pulumi up`) beside the dynamic resources", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({
      program: path.join(__dirname, "programs", "both-doors"),
      // The CLI fetches a missing plugin the SDK's package.json names, as it does by default.
      env: { ...server.env, PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false" },
    });
    // The tarball unpacked as npm installs it; its @pulumi/pulumi is the project's.
    const sdk = path.join(project.dir, "node_modules", "@pulumi-aculab", "plugin-sdk");
    fs.mkdirSync(sdk, { recursive: true });
    const untar = spawn("tar", ["xzf", release.nodeSdk, "--strip-components=1", "-C", sdk]);
    const code = await new Promise((resolve) => untar.on("close", resolve));
    if (code !== 0) throw new Error(`tar could not unpack ${release.nodeSdk}`);
  });
  afterAll(() => project?.close());

  it("one program buys through both doors; the engine downloads the plugin once; destroy releases both numbers", async () => {
    const before = server.requests.length;
    const up = await project.pulumi(["up", "--yes", "--non-interactive"]);
    expect({ code: up.code, output: cliOutput(up) }).toMatchObject({ code: 0 });
    expect(server.requests.slice(before)).toEqual([`GET /v${release.version}/${archiveName()}`]);
    expectInstalledExecutable(project);
    const resources = await project.aculabResources();
    expect(resources.map((r) => r.type).sort()).toEqual([
      "aculab:index:InboundNumber",
      "pulumi-nodejs:dynamic/aculab:InboundNumber",
    ]);
    const bought = accountNumbers(project.simulator);
    expect(numbersInState(resources).sort()).toEqual(bought);
    expect(bought).toHaveLength(2);

    const destroy = await project.pulumi(["destroy", "--yes", "--non-interactive"]);
    expect({ code: destroy.code, output: cliOutput(destroy) }).toMatchObject({ code: 0 });
    expect(accountNumbers(project.simulator)).toEqual([]);
  });
});
