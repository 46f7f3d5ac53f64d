import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repositoryRoot } from "../../harness/workspace";
import {
  accountNumbers,
  CANARY_API_KEY,
  CliRun,
  createEngineProject,
  EngineProject,
} from "./support/engineProject";
import { goModulesDownloaded, pythonPackageIndex } from "./support/localPackages";

// Pulumi's own language hosts (built by engine/install.sh) through the real CLI: `pulumi package
// gen-sdk` writes each language's SDK from schema.json, and a Python and a Go program on those
// SDKs run preview and up against the simulator with the plugin.

const SCHEMA = path.join(repositoryRoot, "schema.json");
const PROGRAMS = path.join(__dirname, "programs");
const schema = JSON.parse(fs.readFileSync(SCHEMA, "utf8"));

/** The simple names of the schema's resources and functions, e.g. InboundNumber, getSupportedRegions. */
const memberNames = (section: "resources" | "functions"): string[] =>
  Object.keys(schema[section]).map((token) => token.split(":")[2]);
const lowerFirst = (name: string) => name[0].toLowerCase() + name.slice(1);
const snake = (name: string) =>
  name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/^_/, "");

function genSdk(project: EngineProject, language: string, out: string): Promise<CliRun> {
  return project.pulumi(["package", "gen-sdk", SCHEMA, "--language", language, "--out", out]);
}

/** Runs a command to completion (no shell); never throws on a non-zero exit. */
function run(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (chunk) => (stdout += chunk));
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

const listing = (dir: string) => fs.readdirSync(dir).sort();

/** What the programs export, apart from the language: the same for both. */
function expectedOutputs(project: EngineProject, projectName: string, language: string) {
  return {
    language,
    project: projectName,
    stack: "dev",
    endpoint: project.simulator.url,
    dryRun: false,
    manitobaRegions: ["Oakbank", "Winnipeg"],
  };
}

/**
 * The state holds the stack and the default provider the engine made for the program's invoke,
 * whose inputs are the aculab:* stack config: the API key only as a secret, never in plain text in
 * the backend or a plain `pulumi stack export`.
 */
async function expectDefaultProvider(project: EngineProject, projectName: string): Promise<void> {
  // The engine names a default provider by the version and the download URL the SDK sent
  // (ProviderRequest.DefaultName; tokens.IntoQName makes "github://" "github_/").
  const providerName = `default_${schema.version.replace(/\./g, "_")}_${schema.pluginDownloadURL.replace("://", "_/")}`;
  const state = await project.exportStack();
  const resources = state.deployment.resources as Array<{
    urn: string;
    type: string;
    inputs?: Record<string, unknown>;
  }>;
  // Sorted: the engine may record the default provider (made for the program's first invoke)
  // before the stack resource, as a Go program's invoke can race the stack's registration.
  expect(resources.map((r) => r.urn).sort()).toEqual(
    [
      `urn:pulumi:dev::${projectName}::pulumi:pulumi:Stack::${projectName}-dev`,
      `urn:pulumi:dev::${projectName}::pulumi:providers:aculab::${providerName}`,
    ].sort(),
  );
  const provider = resources.find((r) => r.type === "pulumi:providers:aculab")!;
  const { apiKey, ...inputs } = provider.inputs!;
  expect(inputs).toEqual({
    cloudId: project.simulator.credentials.cloudId,
    username: project.simulator.credentials.username,
    endpoint: project.simulator.url,
    version: schema.version,
    __internal: { pluginDownloadURL: schema.pluginDownloadURL },
  });
  expect(apiKey).toMatchObject({ plaintext: JSON.stringify(CANARY_API_KEY) });
  const plainExport = await project.pulumi(["stack", "export"]);
  expect(plainExport.code).toBe(0);
  expect(plainExport.stdout).toContain('"apiKey"');
  expect(plainExport.stdout).not.toContain(CANARY_API_KEY);
  expect(project.backendText()).not.toContain(CANARY_API_KEY);
}

/**
 * The program ran once, told whether this is a preview (it logs `dry run: <bool>`), and its one
 * invoke of the plugin's getSupportedRegions reached Aculab with the program's arguments.
 */
function expectRanWith(
  stdout: string,
  simulator: EngineProject["simulator"],
  dryRun: boolean,
): void {
  expect(stdout).toContain(`dry run: ${dryRun}`);
  expect(stdout).not.toContain(`dry run: ${!dryRun}`);
  const calls = simulator.requests().filter((r) => r.service === "tel_get_supported_regions");
  expect(calls.map((r) => r.params)).toEqual([{ country: "Canada", state: "Manitoba" }]);
  simulator.resetRequestLog();
}

const plainValues = (outputs: Record<string, { value: unknown; secret: boolean }>) =>
  Object.fromEntries(Object.entries(outputs).map(([key, output]) => [key, output.value]));

describe("pulumi package gen-sdk through Pulumi's language hosts", () => {
  let project: EngineProject;
  let out: string;
  beforeAll(async () => {
    project = await createEngineProject({ program: path.join(PROGRAMS, "python") });
    out = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-gen-sdk-"));
  });
  afterAll(async () => {
    await project?.close();
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  it("python: exits 0 with nothing but the CLI's closing line, and writes pulumi_aculab with a module per resource and function", async () => {
    const result = await genSdk(project, "python", out);
    expect(result).toMatchObject({
      code: 0,
      stdout: "",
      stderr: `SDK has been written to ${path.join(out, "python")}\n`,
    });
    const sdk = path.join(out, "python");
    expect(listing(sdk)).toEqual([
      ".gitattributes",
      ".gitignore",
      "pulumi_aculab",
      "pyproject.toml",
    ]);
    const modules = listing(path.join(sdk, "pulumi_aculab"));
    for (const file of [
      "__init__.py",
      "provider.py",
      "_utilities.py",
      "pulumi-plugin.json",
      "py.typed",
      "config",
    ]) {
      expect(modules).toContain(file);
    }
    for (const name of [...memberNames("resources"), ...memberNames("functions")]) {
      expect(modules).toContain(`${snake(name)}.py`);
    }
  });

  it("go: exits 0 with nothing but the CLI's closing line, and writes package aculab with a file per resource and function", async () => {
    const result = await genSdk(project, "go", out);
    expect(result).toMatchObject({
      code: 0,
      stdout: "",
      stderr: `SDK has been written to ${path.join(out, "go")}\n`,
    });
    const sdk = path.join(out, "go");
    expect(listing(sdk)).toEqual([".gitattributes", "aculab", "go.mod"]);
    const files = listing(path.join(sdk, "aculab"));
    for (const file of [
      "doc.go",
      "init.go",
      "provider.go",
      "pulumi-plugin.json",
      "config",
      "internal",
    ]) {
      expect(files).toContain(file);
    }
    for (const name of [...memberNames("resources"), ...memberNames("functions")]) {
      expect(files).toContain(`${lowerFirst(name)}.go`);
    }
    // The import path is schema.json's language.go.importBasePath.
    expect(fs.readFileSync(path.join(sdk, "aculab", "inboundNumber.go"), "utf8")).toContain(
      `"${schema.language.go.importBasePath}/internal"`,
    );
  });

  it("nodejs: exits 0 with nothing but the CLI's closing line, and writes package.json and a module per resource and function, which compile", async () => {
    const result = await genSdk(project, "nodejs", out);
    expect(result).toMatchObject({
      code: 0,
      stdout: "",
      stderr: `SDK has been written to ${path.join(out, "nodejs")}\n`,
    });
    const sdk = path.join(out, "nodejs");
    const files = listing(sdk);
    for (const file of [
      "package.json",
      "tsconfig.json",
      "index.ts",
      "provider.ts",
      "utilities.ts",
      "config",
      "types",
    ]) {
      expect(files).toContain(file);
    }
    for (const name of [...memberNames("resources"), ...memberNames("functions")]) {
      expect(files).toContain(`${lowerFirst(name)}.ts`);
    }
    const packageJson = JSON.parse(fs.readFileSync(path.join(sdk, "package.json"), "utf8"));
    expect(packageJson.pulumi).toEqual({
      resource: true,
      name: "aculab",
      version: schema.version,
      server: schema.pluginDownloadURL,
    });
    // It compiles with its own tsconfig.json against the @pulumi/pulumi and TypeScript this
    // repository installs.
    fs.symlinkSync(
      path.join(repositoryRoot, "node_modules"),
      path.join(sdk, "node_modules"),
      "dir",
    );
    const tsc = await run(path.join(repositoryRoot, "node_modules", ".bin", "tsc"), ["-p", "."], {
      cwd: sdk,
    });
    expect(tsc).toMatchObject({ code: 0, stdout: "", stderr: "" });
    expect(fs.existsSync(path.join(sdk, "bin", "index.js"))).toBe(true);
  });
});

describe("a Python program on the generated SDK, through Pulumi's pulumi-language-python", () => {
  let project: EngineProject;
  beforeAll(async () => {
    // The requirements' ./sdk/python is the committed SDK (equal to the generated one,
    // sdks.test.ts) while the suite fetches the wheels; the commands then install from them alone.
    const index = pythonPackageIndex(path.join(PROGRAMS, "python", "requirements.txt"), "sdk");
    project = await createEngineProject({ program: path.join(PROGRAMS, "python"), env: index });
  });
  afterAll(() => project?.close());

  it("the first run makes the virtualenv Pulumi.yaml names from requirements.txt; preview and up run the program, which calls the plugin through pulumi_aculab", async () => {
    const { simulator, stack, dir } = project;
    const gen = await genSdk(project, "python", "sdk");
    expect(gen.code).toBe(0);
    expect(fs.existsSync(path.join(dir, "venv"))).toBe(false);

    // Pulumi's host makes a missing virtualenv itself (ours failed instead): pip installs the
    // pinned Python SDK and the generated one from sdk/python, then the program runs.
    const first = await project.pulumi(["preview", "--non-interactive"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("+ 1 to create");
    const versions = await run(
      path.join(dir, "venv", "bin", "python"),
      [
        "-c",
        "import importlib.metadata as m; print(m.version('pulumi'), m.version('pulumi_aculab'))",
      ],
      { cwd: dir },
    );
    expect(versions).toMatchObject({ code: 0, stdout: `3.272.0 ${schema.version}\n` });
    expectRanWith(first.stdout, simulator, true);

    // `pulumi install` on a made virtualenv installs nothing new and succeeds; --no-plugins as
    // README says while the plugin comes from Pulumi.yaml's plugins.providers path.
    const install = await project.pulumi(["install", "--no-plugins"]);
    expect(install.code).toBe(0);

    const preview = await stack.preview();
    expect(preview.changeSummary).toEqual({ create: 1 });
    expectRanWith(preview.stdout, simulator, true);

    simulator.resetRequestLog();
    const up = await stack.up();
    expectRanWith(up.stdout, simulator, false);
    expect(up.summary.result).toBe("succeeded");
    expect(up.summary.resourceChanges).toEqual({ create: 1 });
    expect(plainValues(up.outputs)).toEqual(
      expectedOutputs(project, "aculab-engine-python", "python"),
    );
    expect(Object.values(up.outputs).some((output) => output.secret)).toBe(false);
    expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
    expect(accountNumbers(simulator)).toEqual([]);

    // The generated SDK sends its package version (pyproject.toml's, schema.json's version) and
    // pluginDownloadURL with the invoke, so the engine records a default provider of both.
    await expectDefaultProvider(project, "aculab-engine-python");
  });
});

describe("a Go program on the generated SDK, through Pulumi's pulumi-language-go", () => {
  let project: EngineProject;
  beforeAll(async () => {
    project = await createEngineProject({ program: path.join(PROGRAMS, "go") });
  });
  afterAll(() => project?.close());

  // Measured: the first `go build` of the program on a machine whose Go build cache lacks its
  // dependencies took 3 min 53 s on 2 shared cores; later builds take seconds.
  it(
    "the SDK builds through the go.mod replace directive; preview and up build and run the program, which calls the plugin through the SDK",
    async () => {
      const { simulator, stack, dir } = project;
      const gen = await genSdk(project, "go", "sdk");
      expect(gen.code).toBe(0);
      // The generator writes sdk/go/go.mod (module importBasePath without /aculab); the
      // program's go.mod requires that module and replaces it with ./sdk/go.
      expect(fs.readFileSync(path.join(dir, "sdk", "go", "go.mod"), "utf8")).toContain(
        `module ${schema.language.go.importBasePath.replace(/\/aculab$/, "")}\n`,
      );
      // The modules the build needs, fetched by the suite's setup as a user's first `go build`
      // would; what follows reaches nothing beyond loopback, whatever the module cache held.
      goModulesDownloaded(dir);
      const vet = await run("go", ["vet", "./..."], {
        cwd: dir,
        env: { ...process.env, ...project.env },
      });
      expect(vet).toMatchObject({ code: 0, stderr: "" });
      project.network.assertNoneAttempted("go vet");

      const preview = await stack.preview();
      expect(preview.changeSummary).toEqual({ create: 1 });
      expectRanWith(preview.stdout, simulator, true);

      simulator.resetRequestLog();
      const up = await stack.up();
      expectRanWith(up.stdout, simulator, false);
      expect(up.summary.result).toBe("succeeded");
      expect(up.summary.resourceChanges).toEqual({ create: 1 });
      expect(plainValues(up.outputs)).toEqual(expectedOutputs(project, "aculab-engine-go", "go"));
      expect(Object.values(up.outputs).some((output) => output.secret)).toBe(false);
      expect(simulator.callCounts().tel_purchase ?? 0).toBe(0);
      expect(accountNumbers(simulator)).toEqual([]);

      // The Go SDK sends schema.json's version (respectSchemaVersion) and pluginDownloadURL with
      // the invoke, so the engine records a default provider of both.
      await expectDefaultProvider(project, "aculab-engine-go");
    },
    20 * 60 * 1000,
  );
});
