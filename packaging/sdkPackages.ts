import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repositoryRootOf } from "../provider/model/generate";
import { model } from "../provider/model";

const repositoryRoot = repositoryRootOf(__dirname);

/**
 * The generated SDKs (sdk/, written by `npm run generate:sdks`) as the registries take them: the
 * Node.js SDK as an npm tarball, the Python SDK as a wheel and an sdist, the Go SDK as a module
 * proxy serves it. Each is built from the committed sdk/ folder unchanged, so what a release
 * publishes is what the engine suite installed and ran.
 */

/** Where the packaging tools live between runs: the same cache as the CLI (engine/install.sh). */
export const toolsCache = (): string =>
  process.env.PULUMI_ACULAB_TOOLS ?? path.join(os.homedir(), ".cache", "pulumi-aculab");

/** The Go SDK's module path: its import path without the package folder. */
export const goModulePath = String(model.language.go.importBasePath).replace(/\/aculab$/, "");

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  try {
    return execFileSync(command, args, {
      cwd,
      env: { ...process.env, ...env },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `packaging needs \`${command} ${args.join(" ")}\` (in ${cwd}) and it failed: ${failed.message}\n` +
        `${failed.stdout ?? ""}${failed.stderr ?? ""}`,
    );
  }
}

function scratchCopy(folder: string): string {
  const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aculab-package-")), "src");
  fs.cpSync(folder, copy, { recursive: true });
  return copy;
}

/**
 * `@pulumi-aculab/plugin-sdk-<version>.tgz`: the SDK compiled by this repository's TypeScript into
 * a folder holding the JavaScript, the declarations, package.json, README and LICENSE, packed as
 * Pulumi's own providers publish theirs (the compiled folder is the package root).
 */
export function packageNodeSdk(outDir: string): string {
  const sdk = path.join(repositoryRoot, "sdk", "nodejs");
  const bin = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aculab-package-")), "bin");
  const tsc = require.resolve("typescript/bin/tsc", { paths: [repositoryRoot] });
  run(process.execPath, [tsc, "-p", path.join(sdk, "tsconfig.json"), "--outDir", bin], sdk);
  const manifest = JSON.parse(fs.readFileSync(path.join(sdk, "package.json"), "utf8"));
  // The build script and the compiler are for building, not for the user's install.
  delete manifest.scripts;
  delete manifest.devDependencies;
  fs.writeFileSync(path.join(bin, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.copyFileSync(path.join(sdk, "README.md"), path.join(bin, "README.md"));
  fs.copyFileSync(path.join(repositoryRoot, "LICENSE"), path.join(bin, "LICENSE"));
  fs.mkdirSync(outDir, { recursive: true });
  const packed = JSON.parse(
    run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", outDir], bin),
  ) as Array<{ filename: string }>;
  fs.rmSync(path.dirname(bin), { recursive: true, force: true });
  return path.join(outDir, packed[0].filename);
}

/**
 * `pulumi-aculab-<version>.tgz`: this package (the dynamic resources, the simulator, the report and
 * audit tools, the plugin launcher for machines with Node.js) as `npm publish` would send it. The
 * build in dist/ must be current: `npm run package` builds first, and packing runs no scripts.
 */
export function packageDynamicResources(outDir: string): string {
  fs.mkdirSync(outDir, { recursive: true });
  const packed = JSON.parse(
    run(
      "npm",
      ["pack", "--json", "--ignore-scripts", "--pack-destination", outDir],
      repositoryRoot,
    ),
  ) as Array<{ filename: string }>;
  return path.join(outDir, packed[0].filename);
}

const PYTHON_BUILD_TOOLS = ["build==1.6.1", "setuptools==84.2.1"];

/** A virtualenv holding PyPA's `build` and setuptools, made once per Python in the tools cache. */
function pythonBuildEnv(): string {
  const version = run("python3", ["--version"], repositoryRoot).trim().replace(/\s+/g, "-");
  const venv = path.join(toolsCache(), `python-build-${version}-${PYTHON_BUILD_TOOLS.join("-")}`);
  const python = path.join(venv, "bin", "python");
  if (!fs.existsSync(python)) {
    fs.rmSync(`${venv}.partial`, { recursive: true, force: true });
    run("python3", ["-m", "venv", `${venv}.partial`], repositoryRoot);
    run(
      path.join(`${venv}.partial`, "bin", "python"),
      ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", ...PYTHON_BUILD_TOOLS],
      repositoryRoot,
    );
    // Only `python -m` is used, which finds the virtualenv from its own place, so a rename is safe.
    fs.renameSync(`${venv}.partial`, venv);
  }
  return python;
}

/**
 * `pulumi_aculab-<version>-py3-none-any.whl` and `pulumi_aculab-<version>.tar.gz`, built by PyPA's
 * `build` from a copy of sdk/python (the build writes into its source folder) with the package's
 * README beside pyproject.toml, where pyproject.toml's `readme` looks for it.
 */
export function packagePythonSdk(outDir: string): string[] {
  const source = scratchCopy(path.join(repositoryRoot, "sdk", "python"));
  fs.copyFileSync(path.join(source, "pulumi_aculab", "README.md"), path.join(source, "README.md"));
  fs.copyFileSync(path.join(repositoryRoot, "LICENSE"), path.join(source, "LICENSE"));
  fs.mkdirSync(outDir, { recursive: true });
  const before = new Set(fs.readdirSync(outDir));
  run(
    pythonBuildEnv(),
    ["-m", "build", "--no-isolation", "--sdist", "--wheel", "--outdir", outDir, source],
    source,
  );
  fs.rmSync(path.dirname(source), { recursive: true, force: true });
  return fs
    .readdirSync(outDir)
    .filter((file) => !before.has(file))
    .sort()
    .map((file) => path.join(outDir, file));
}

/**
 * The Go SDK as the module proxy serves it once the release has tagged `sdk/go/v<version>`:
 * `<outDir>/<module path>/@v/{list, v<version>.info, .mod, .zip}`. A folder in that layout is a
 * GOPROXY (`GOPROXY=file://<outDir>`), which is how the engine suite installs it.
 */
export function packageGoSdk(outDir: string, version: string): string {
  const commitTime = run("git", ["log", "-1", "--format=%cI"], repositoryRoot).trim();
  run(
    "go",
    [
      "run",
      ".",
      path.join(repositoryRoot, "sdk", "go"),
      goModulePath,
      `v${version}`,
      commitTime,
      path.resolve(outDir),
    ],
    path.join(repositoryRoot, "packaging", "gomodule"),
  );
  return path.join(outDir, goModulePath, "@v", `v${version}.zip`);
}
