import { spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { RunningSimulator, SimulatorOptions, startSimulator } from "../simulator";
import { repositoryRoot } from "../harness/workspace";
import { PluginDoor } from "./door";
import { ProcessRole, RssSampler } from "./processes";

/** The program `npm run bench` and the engine suite's call-count tests deploy. */
export const benchProgram = path.join(repositoryRoot, "bench", "program");

/** The pinned `pulumi` CLI's bin folder: PULUMI_ACULAB_CLI_BIN, or what engine/install.sh prints. */
export function pulumiBinDir(): string {
  const given = process.env.PULUMI_ACULAB_CLI_BIN;
  if (given) return given;
  const script = path.join(repositoryRoot, "engine", "install.sh");
  const run = spawnSync("bash", [script], { encoding: "utf8" });
  if (run.status !== 0) {
    throw new Error(
      `the bench needs the Pulumi CLI; ${script} failed:\n${run.stderr}${run.stdout}`,
    );
  }
  const lines = run.stdout.trim().split("\n");
  return lines[lines.length - 1];
}

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** From spawning `pulumi` until it exited: what a user waits for. */
  wallMs: number;
  /** Peak resident memory in kB per role of the command's processes, sampled from /proc. */
  peakRssKb: Map<ProcessRole, number>;
}

export interface CliProject {
  dir: string;
  simulator: RunningSimulator;
  /** Runs `pulumi <args>` in the project with the bench program's environment, timed and sampled. */
  run(args: string[], env?: Record<string, string>): Promise<CommandRun>;
  close(): Promise<void>;
}

export interface CliProjectOptions {
  simulator?: SimulatorOptions;
  /** The program's environment: BENCH_* variables. */
  env: Record<string, string>;
  apiKey: string;
  /** The plugin door: its SDK is unpacked into node_modules and its plugin installed. */
  plugin?: PluginDoor;
}

/**
 * The bench program as a user's project: its own folder, node_modules linking this repository
 * (its dist/ build) and @pulumi/pulumi, a file backend and a throwaway PULUMI_HOME, a stack `bench`
 * whose aculab:* config points at a fresh simulator (the key stored as a secret). Every command is
 * the plain CLI, spawned as a user runs it.
 */
export async function createCliProject(options: CliProjectOptions): Promise<CliProject> {
  const simulator = await startSimulator({ apiKey: options.apiKey, ...options.simulator });
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-bench-"));
  const dir = path.join(root, "project");
  fs.cpSync(benchProgram, dir, { recursive: true });
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(path.join(modules, "@pulumi"), { recursive: true });
  fs.symlinkSync(repositoryRoot, path.join(modules, "pulumi-aculab"), "dir");
  fs.symlinkSync(
    path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [repositoryRoot] })),
    path.join(modules, "@pulumi", "pulumi"),
    "dir",
  );
  fs.mkdirSync(path.join(root, "state"));
  fs.mkdirSync(path.join(root, "home"));
  const bin = pulumiBinDir();
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: path.join(root, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(root, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "bench-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    ...options.env,
  };

  const run = (args: string[], extra: Record<string, string> = {}) =>
    new Promise<CommandRun>((resolve, reject) => {
      const started = performance.now();
      const child = spawn(path.join(bin, "pulumi"), args, {
        cwd: dir,
        env: { ...env, ...extra },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const sampler = new RssSampler(child.pid!).start();
      let stdout = "";
      let stderr = "";
      child.stdout.on("data", (chunk) => (stdout += chunk));
      child.stderr.on("data", (chunk) => (stderr += chunk));
      child.on("error", (error) => {
        sampler.stop();
        reject(error);
      });
      child.on("close", (code) =>
        resolve({
          code,
          stdout,
          stderr,
          wallMs: performance.now() - started,
          peakRssKb: sampler.stop(),
        }),
      );
    });

  const project: CliProject = {
    dir,
    simulator,
    run,
    async close() {
      await simulator.stop();
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
  const must = async (args: string[]) => {
    const result = await run(args);
    if (result.code !== 0) {
      throw new Error(
        `pulumi ${args.join(" ")} failed (${result.code}):\n${result.stderr}${result.stdout}`,
      );
    }
  };
  try {
    if (options.plugin) {
      // As a user gets them: npm unpacks the SDK's tarball (its @pulumi/pulumi resolves to the
      // project's), and the CLI installs the plugin's archive into PULUMI_HOME, where the SDK's
      // default provider finds it by name and version; Pulumi.yaml names no path.
      const sdk = path.join(modules, "@pulumi-aculab", "plugin-sdk");
      fs.mkdirSync(sdk, { recursive: true });
      const untar = spawnSync(
        "tar",
        ["xzf", options.plugin.sdkTarball, "--strip-components=1", "-C", sdk],
        { encoding: "utf8" },
      );
      if (untar.status !== 0) throw new Error(`tar could not unpack the SDK: ${untar.stderr}`);
      await must([
        "plugin",
        "install",
        "resource",
        "aculab",
        options.plugin.version,
        "-f",
        options.plugin.archive,
      ]);
    }
    await must(["stack", "init", "bench", "--non-interactive"]);
    const { cloudId, username } = simulator.credentials;
    await must([
      "config",
      "set-all",
      "--plaintext",
      `aculab:cloudId=${cloudId}`,
      "--plaintext",
      `aculab:username=${username}`,
      "--plaintext",
      `aculab:endpoint=${simulator.url}`,
      "--secret",
      `aculab:apiKey=${options.apiKey}`,
    ]);
  } catch (error) {
    await project.close();
    throw error;
  }
  return project;
}
