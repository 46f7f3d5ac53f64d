import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { repositoryRoot } from "../../../harness/workspace";
import { toolsCache } from "../../../packaging/sdkPackages";

// The engine suite's commands reach nothing beyond loopback (networkSentry.ts), yet a Python
// program's `pulumi install` needs packages from PyPI and a Go program's build needs modules. The
// suite's setup fetches them once, outside any CLI command, into the tools cache; the commands then
// install from there, as a user with a package mirror would.

function runOrThrow(
  command: string,
  args: string[],
  cwd: string,
  env?: Record<string, string>,
): void {
  const run = spawnSync(command, args, {
    cwd,
    env: { ...process.env, ...env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (run.error || run.status !== 0) {
    throw new Error(
      `the engine suite's setup needs \`${command} ${args.join(" ")}\` (in ${cwd}) and it failed ` +
        `(${run.error?.message ?? `exit ${run.status}`}):\n${run.stdout}${run.stderr}`,
    );
  }
}

/**
 * A folder of wheels holding everything `pip install -r <requirements>` needs (and pip, setuptools
 * and wheel, which Pulumi's Python host upgrades in a new virtualenv), downloaded once per content
 * of the requirements, of the generated SDK's pyproject.toml and per Python version. `sdk` is where the requirements' relative path to the
 * generated SDK expects this repository's sdk/ folder ("sdk", "../../sdk"): pip resolves the SDK's
 * own dependencies from a copy of it, since preparing a local project writes into it. Returns the
 * variables that make pip install from the index alone. `built`, a folder of packages built here
 * (the release's wheel), joins the index; they are never copied into the cache, so it cannot serve
 * an older build of the same version.
 */
export function pythonPackageIndex(
  requirements: string,
  sdk: string,
  built?: string,
): Record<string, string> {
  const python = spawnSync("python3", ["--version"], { encoding: "utf8" });
  if (python.status !== 0) {
    throw new Error("the engine suite runs Python programs and needs python3 on PATH");
  }
  const key = createHash("sha256")
    .update(python.stdout)
    .update(fs.readFileSync(requirements))
    // The generated SDK's own dependencies are part of what the requirements pull in.
    .update(fs.readFileSync(path.join(repositoryRoot, "sdk", "python", "pyproject.toml")))
    .digest("hex")
    .slice(0, 12);
  const index = path.join(toolsCache(), `wheels-${key}`);
  if (!fs.existsSync(index)) {
    fs.rmSync(`${index}.partial`, { recursive: true, force: true });
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-requirements-"));
    const cwd = path.join(scratch, "project", "folder");
    fs.mkdirSync(cwd, { recursive: true });
    fs.cpSync(path.join(repositoryRoot, "sdk"), path.resolve(cwd, sdk), { recursive: true });
    runOrThrow(
      "python3",
      [
        "-m",
        "pip",
        "download",
        "--quiet",
        "--dest",
        `${index}.partial`,
        "--requirement",
        requirements,
        ...(built === undefined ? [] : ["--find-links", built]),
      ].concat(["pip", "setuptools", "wheel"]),
      cwd,
    );
    if (built !== undefined) {
      for (const file of fs.readdirSync(built))
        fs.rmSync(path.join(`${index}.partial`, file), { force: true });
    }
    fs.rmSync(scratch, { recursive: true, force: true });
    fs.renameSync(`${index}.partial`, index);
  }
  return {
    PIP_NO_INDEX: "1",
    // pip reads a list option's variable as space-separated values.
    PIP_FIND_LINKS: built === undefined ? index : `${index} ${built}`,
    PIP_DISABLE_PIP_VERSION_CHECK: "1",
  };
}

/**
 * Downloads every module a Go program's build needs into the module cache (`go mod download`);
 * `env` as the program's commands will have it (a GOPROXY that serves the released SDK, say).
 */
export function goModulesDownloaded(programDir: string, env?: Record<string, string>): void {
  runOrThrow("go", ["mod", "download"], programDir, env);
}
