import { spawnSync } from "node:child_process";
import * as path from "node:path";
import { repositoryRoot } from "../../../harness/workspace";

/** Set by the suite's global setup to the folder holding `pulumi` and its plugins. */
export const CLI_BIN_ENV = "PULUMI_ACULAB_CLI_BIN";

/**
 * Builds or reuses the pinned Pulumi CLI (engine/install.sh) and returns its bin folder. A machine
 * without Go or the module proxy fails here with the script's own words: the engine suite never
 * skips.
 */
export function installCli(): string {
  const script = path.join(repositoryRoot, "engine", "install.sh");
  const run = spawnSync("bash", [script], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  if (run.status !== 0) {
    throw new Error(
      `The engine suite needs the Pulumi CLI, and ${script} could not provide it ` +
        `(exit ${run.status}):\n${run.stderr}${run.stdout}`,
    );
  }
  process.stderr.write(run.stderr);
  const lines = run.stdout.trim().split("\n");
  return lines[lines.length - 1];
}

export function cliBinDir(): string {
  const bin = process.env[CLI_BIN_ENV];
  if (!bin) {
    throw new Error(
      `${CLI_BIN_ENV} is not set: run the engine suite with \`npm run test:engine\`, whose global ` +
        "setup installs the Pulumi CLI.",
    );
  }
  return bin;
}
