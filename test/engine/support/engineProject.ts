import { ChildProcess, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import {
  ConfigMap,
  Deployment,
  EngineEvent,
  LocalWorkspace,
  PulumiCommand,
  Stack,
} from "@pulumi/pulumi/automation";
import { startSimulator, RunningSimulator, SimulatorOptions } from "../../../simulator";
import type { RecordedRequest } from "../../../simulator";
import { AculabClient } from "../../../provider/client";
import { CANARY_API_KEY } from "../../../harness/deployment";
import { repositoryRoot } from "../../../harness/workspace";
import type { AccountTuning } from "../../../provider/resources/account";
import { cliBinDir } from "./cli";
import { NetworkSentry, startNetworkSentry } from "./networkSentry";
import { installTunedDynamicHost } from "./tunedDynamicHost";

export { CANARY_API_KEY };

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface EngineProject {
  /** The project folder: Pulumi.yaml, the program, node_modules as a user's install has them. */
  dir: string;
  simulator: RunningSimulator;
  /** The environment every `pulumi` command runs with: offline, file backend, throwaway home. */
  env: Record<string, string>;
  /** What every command of the project tried to reach beyond loopback (refused): none, or the test fails. */
  network: NetworkSentry;
  /** The stack, driven through the Automation API. */
  stack: Stack;
  /**
   * Runs the plain CLI in the project folder, as a user types it. Never throws on a non-zero exit;
   * rejects, naming the address, if the command tried to reach beyond loopback.
   */
  pulumi(args: string[], options?: { env?: Record<string, string> }): Promise<CliRun>;
  /** Starts the plain CLI and returns the child, for tests that interrupt it. */
  spawnPulumi(args: string[]): ReturnType<typeof spawn>;
  /** `pulumi stack export --show-secrets`, through the Automation API. */
  exportStack(): Promise<Deployment>;
  /** Every file the file backend holds (state, history, backups), as text: where a leak would sit. */
  backendText(): string;
  /** Every resource of one of our types in the stack's state, with its outputs. */
  aculabResources(): Promise<StateResource[]>;
  close(): Promise<void>;
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  outputs: Record<string, unknown>;
  inputs: Record<string, unknown>;
}

export interface EngineProjectOptions {
  /** A folder holding Pulumi.yaml and the program (an example, or a test program). */
  program: string;
  /**
   * Where the program sits in the repository, e.g. "examples/python": the project is copied to the
   * same path under the temporary root, beside copies of `repositoryFolders` (e.g. ["sdk"]), so
   * that the program's relative paths (../../sdk/python) resolve as in a clone.
   */
  repositoryPath?: string;
  repositoryFolders?: string[];
  /** Extra project files (relative path → text), written after the program is copied. */
  files?: Record<string, string>;
  simulator?: SimulatorOptions;
  /**
   * An already running simulator (another project's, say) instead of a fresh one: two projects
   * against one account. close() leaves it running; its owner stops it.
   */
  sharedSimulator?: RunningSimulator;
  /** Variables every command of this project runs with besides the suite's own (a local package index). */
  env?: Record<string, string>;
  /** Stack config beyond the aculab:* connection settings, e.g. {"aculab:development": "true"}. */
  config?: Record<string, string>;
  stackName?: string;
  /**
   * The stack's Pulumi.<stack>.yaml comes with `files` (a fixture's: its encryption salt decrypts
   * the state it was written with) and is kept as given: no config is set.
   */
  givenStackConfig?: boolean;
  /**
   * The dynamic resources' host runs with this tuning instead of the default: the project gets
   * the dynamic door's test entry point (tunedDynamicHost.ts) instead of this repository's.
   */
  dynamicHostTuning?: AccountTuning;
}

const AUTOMATION_CONFIG = (
  simulator: RunningSimulator,
  extra: Record<string, string>,
): ConfigMap => ({
  "aculab:cloudId": { value: simulator.credentials.cloudId },
  "aculab:username": { value: simulator.credentials.username },
  "aculab:apiKey": { value: simulator.credentials.apiKey, secret: true },
  "aculab:endpoint": { value: simulator.url },
  ...Object.fromEntries(Object.entries(extra).map(([key, value]) => [key, { value }])),
});

/** The resource types both front doors register: the dynamic resources and the plugin's. */
export const ACULAB_TYPES = new Set([
  "pulumi-nodejs:dynamic/aculab:InboundNumber",
  "pulumi-nodejs:dynamic/aculab:NumberBlock",
  "aculab:index:InboundNumber",
  "aculab:index:NumberBlock",
]);

/**
 * A user's project against a fresh simulator (canary API key, secret in config) and the real
 * `pulumi` CLI: file backend, throwaway PULUMI_HOME, no plugin downloads, no update checks.
 * The program's node_modules links this repository as `pulumi-aculab` (its build in dist/) and
 * the very @pulumi/pulumi it uses, as `npm install` of a file: dependency would.
 */
export async function createEngineProject(options: EngineProjectOptions): Promise<EngineProject> {
  const simulator =
    options.sharedSimulator ??
    (await startSimulator({ apiKey: CANARY_API_KEY, ...options.simulator }));
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "aculab-engine-"));
  const dir = path.join(root, options.repositoryPath ?? "project");
  for (const folder of options.repositoryFolders ?? []) {
    fs.cpSync(path.join(repositoryRoot, folder), path.join(root, folder), { recursive: true });
  }
  fs.cpSync(options.program, dir, {
    recursive: true,
    filter: (source) => !source.includes(`${path.sep}node_modules`),
  });
  for (const [file, text] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  linkPackages(dir, options.dynamicHostTuning);

  const bin = cliBinDir();
  const network = await startNetworkSentry();
  fs.mkdirSync(path.join(root, "state"));
  fs.mkdirSync(path.join(root, "home"));
  const env: Record<string, string> = {
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: path.join(root, "home"),
    PULUMI_BACKEND_URL: `file://${path.join(root, "state")}`,
    PULUMI_CONFIG_PASSPHRASE: "engine-suite-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_DISABLE_REGISTRY_RESOLVE: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    PULUMI_DIY_BACKEND_NO_LEGACY_WARNING: "true",
    ...network.env,
    ...options.env,
  };
  const pulumiCommand = await PulumiCommand.get({ root: path.dirname(bin) });
  const workspace = await LocalWorkspace.create({
    workDir: dir,
    pulumiHome: env.PULUMI_HOME,
    envVars: env,
    pulumiCommand,
  });
  const stackName = options.stackName ?? "dev";
  const stack = await Stack.create(stackName, workspace);
  if (!options.givenStackConfig) {
    await stack.setAllConfig(AUTOMATION_CONFIG(simulator, options.config ?? {}));
  }

  const spawnPulumi = (args: string[], extraEnv: Record<string, string> = {}) =>
    spawn(path.join(bin, "pulumi"), args, {
      cwd: dir,
      env: { ...process.env, ...env, ...extraEnv },
      stdio: ["ignore", "pipe", "pipe"],
    });

  const project: EngineProject = {
    dir,
    simulator,
    env,
    network,
    stack,
    spawnPulumi: (args) => spawnPulumi(args),
    pulumi: (args, runOptions = {}) =>
      new Promise((resolve, reject) => {
        const child = spawnPulumi(args, runOptions.env);
        let stdout = "";
        let stderr = "";
        child.stdout!.on("data", (chunk) => (stdout += chunk));
        child.stderr!.on("data", (chunk) => (stderr += chunk));
        child.on("error", reject);
        child.on("close", (code, signal) => {
          try {
            network.assertNoneAttempted(`pulumi ${args.join(" ")}`);
            resolve({ code, signal, stdout, stderr });
          } catch (error) {
            reject(
              new Error(`${(error as Error).message}\nstdout:\n${stdout}\nstderr:\n${stderr}`),
            );
          }
        });
      }),
    exportStack: () => stack.exportStack(),
    backendText: () => readTree(path.join(root, "state")),
    async aculabResources() {
      const state = await stack.exportStack();
      return aculabResourcesOf(state.deployment ?? {});
    },
    async close() {
      if (!options.sharedSimulator) await simulator.stop();
      await network.close();
      fs.rmSync(root, { recursive: true, force: true });
      // Automation API runs (stack.up, ...) are checked here, once the project is done.
      network.assertNoneAttempted("a command of this project");
    },
  };
  return project;
}

function readTree(dir: string): string {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => fs.readFileSync(path.join(entry.parentPath, entry.name), "utf8"))
    .join("\n");
}

function linkPackages(dir: string, dynamicHostTuning?: AccountTuning): void {
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(path.join(modules, "@pulumi"), { recursive: true });
  if (dynamicHostTuning) installTunedDynamicHost(modules, dynamicHostTuning);
  else fs.symlinkSync(repositoryRoot, path.join(modules, "pulumi-aculab"), "dir");
  fs.symlinkSync(
    path.dirname(require.resolve("@pulumi/pulumi/package.json", { paths: [repositoryRoot] })),
    path.join(modules, "@pulumi", "pulumi"),
    "dir",
  );
  fs.mkdirSync(path.join(modules, ".bin"), { recursive: true });
  fs.symlinkSync(
    path.join(repositoryRoot, "bin", "pulumi-resource-aculab.js"),
    path.join(modules, ".bin", "pulumi-resource-aculab"),
  );
}

/** A resource as an exported stack holds it. */
export interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

/** What a CLI run printed, stdout then stderr: where a test looks for a message. */
export const cliOutput = (run: CliRun) => `${run.stdout}\n${run.stderr}`;

/** Our resources of an exported stack's deployment, with their inputs and outputs. */
export function aculabResourcesOf(deployment: { resources?: ExportedResource[] }): StateResource[] {
  return (deployment.resources ?? [])
    .filter((resource) => ACULAB_TYPES.has(resource.type))
    .map((resource) => ({
      urn: resource.urn,
      type: resource.type,
      id: resource.id,
      outputs: resource.outputs ?? {},
      inputs: resource.inputs ?? {},
    }));
}

/** The numbers every Aculab resource in the state holds, sorted: one list to compare with the account. */
export function numbersInState(resources: StateResource[]): string[] {
  const numbers: string[] = [];
  for (const resource of resources) {
    const outputs = resource.outputs;
    if (Array.isArray(outputs.numbers)) numbers.push(...(outputs.numbers as string[]));
    else if (typeof outputs.number === "string") numbers.push(outputs.number);
  }
  return numbers.sort();
}

/** The account's real numbers, sorted. */
export function accountNumbers(simulator: RunningSimulator): string[] {
  return Object.keys(simulator.ownedNumbers()).sort();
}

/**
 * A client of the project's simulator, as the account owner's own script or Aculab's console
 * would act outside Pulumi (buying or releasing a number the stack does not know about).
 */
export function outsideClient(simulator: RunningSimulator): AculabClient {
  return new AculabClient({ ...simulator.credentials, endpoint: simulator.url });
}

/** The simulator's recorded requests to these services, in the order they arrived. */
export function requestsTo(simulator: RunningSimulator, ...services: string[]): RecordedRequest[] {
  return simulator.requests().filter((request) => services.includes(request.service));
}

/**
 * The engine's step for each resource of one of our types, from an Automation API event stream
 * (`stack.up({ onEvent })`): URN → every step op the engine announced for it, in order.
 */
export function aculabStepOps(events: EngineEvent[]): Record<string, string[]> {
  const ops: Record<string, string[]> = {};
  for (const event of events) {
    const metadata = event.resourcePreEvent?.metadata;
    if (!metadata || !ACULAB_TYPES.has(metadata.type)) continue;
    (ops[metadata.urn] ??= []).push(metadata.op);
  }
  return ops;
}

/**
 * Starts the plain CLI as the leader of its own process group (detached), so that a test can
 * kill the CLI with everything it started: language host, program, provider hosts.
 */
export function spawnPulumiGroup(project: EngineProject, args: string[]): ChildProcess {
  return spawn(path.join(cliBinDir(), "pulumi"), args, {
    cwd: project.dir,
    env: { ...process.env, ...project.env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
}

/** The live processes of a process group (zombies excluded), as "pid command" lines. */
export function processGroupMembers(pgid: number): string[] {
  const run = spawnSync("ps", ["-eo", "pid=,pgid=,stat=,args="], { encoding: "utf8" });
  return run.stdout
    .split("\n")
    .map((line) => line.trim().split(/\s+/))
    .filter((f) => f.length >= 4 && Number(f[1]) === pgid && !f[2].startsWith("Z"))
    .map((f) => `${f[0]} ${f.slice(3).join(" ")}`);
}

/** SIGKILLs a whole process group and waits (polling, with a deadline) until none of it is alive. */
export async function killProcessGroup(pgid: number, deadlineMs = 30_000): Promise<void> {
  process.kill(-pgid, "SIGKILL");
  const deadline = Date.now() + deadlineMs;
  for (;;) {
    const left = processGroupMembers(pgid);
    if (left.length === 0) return;
    if (Date.now() > deadline) {
      throw new Error(`processes of group ${pgid} still alive after SIGKILL:\n${left.join("\n")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Polls `condition` until it holds; fails naming `what` after a generous deadline. */
export async function waitFor(
  what: string,
  condition: () => boolean,
  deadlineMs = 120_000,
): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
