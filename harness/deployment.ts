import { startSimulator, RunningSimulator, SimulatorOptions } from "../simulator";
import { captureProgram, CapturedResource } from "./capture";
import { startDynamicHost } from "./dynamicHost";
import { DeploymentResult, LocalEngine } from "./engine";
import { createProgramWorkspace, ProgramWorkspace } from "./workspace";

/**
 * A key no test needs to know, so that any place it shows up (state, logs, errors) is a leak.
 * Tests assert it never appears outside the configuration.
 */
export const CANARY_API_KEY = "canary-key-7f3d9a1c-never-print-me";

export interface Deployment {
  simulator: RunningSimulator;
  workspace: ProgramWorkspace;
  engine: LocalEngine;
  /** The stack config each command runs with (aculab:* keys). */
  config: Record<string, string>;
  /**
   * What every host process showed the user, in order: its stderr, then the warnings and errors it
   * sent the engine as the CLI prints them (debug lines show only with --debug, so not here).
   */
  hostLogs: string[];
  capture(env?: NodeJS.ProcessEnv): Promise<CapturedResource[]>;
  preview(env?: NodeJS.ProcessEnv): Promise<DeploymentResult>;
  up(env?: NodeJS.ProcessEnv): Promise<DeploymentResult>;
  refresh(): Promise<DeploymentResult>;
  destroy(): Promise<DeploymentResult>;
  close(): Promise<void>;
}

export interface DeploymentOptions {
  simulator?: SimulatorOptions;
  /** Extra or overriding stack config, e.g. {"aculab:development": "true"}. */
  config?: Record<string, string>;
  /** Operations at once, as `pulumi up --parallel` (default 16). */
  parallel?: number;
  /** Environment of the program and the host (the ACULAB_* fallbacks live here). */
  env?: NodeJS.ProcessEnv;
}

/**
 * A user's project against the simulator: the program in a workspace that has this package
 * installed, and `pulumi preview/up/refresh/destroy` as a fresh dynamic-provider host each, like
 * the CLI starts one per command.
 */
export async function createDeployment(
  programSourceDir: string,
  options: DeploymentOptions = {},
): Promise<Deployment> {
  const simulator = await startSimulator({ apiKey: CANARY_API_KEY, ...options.simulator });
  const workspace = createProgramWorkspace(programSourceDir);
  const engine = new LocalEngine({ parallel: options.parallel ?? 16 });
  const config: Record<string, string> = {
    "aculab:cloudId": simulator.credentials.cloudId,
    "aculab:username": simulator.credentials.username,
    "aculab:apiKey": simulator.credentials.apiKey,
    "aculab:endpoint": simulator.url,
    ...options.config,
  };
  const hostLogs: string[] = [];
  const baseEnv = { ...process.env, ...options.env };
  const capture = (env: NodeJS.ProcessEnv = {}) =>
    captureProgram(workspace.programDir, config, { ...baseEnv, ...env });
  const command = async (
    run: (host: Awaited<ReturnType<typeof startDynamicHost>>) => Promise<DeploymentResult>,
  ) => {
    const host = await startDynamicHost(workspace.programDir, config, baseEnv);
    try {
      return await run(host);
    } finally {
      await host.stop();
      const shown = host.engineLog.entries.filter((e) => e.severity !== "debug");
      hostLogs.push(
        host.process.stderr() + shown.map((e) => `${e.severity}: ${e.message}\n`).join(""),
      );
    }
  };
  return {
    simulator,
    workspace,
    engine,
    config,
    hostLogs,
    capture,
    preview: async (env) => {
      const resources = await capture(env);
      return command((host) => engine.preview(host.client, resources));
    },
    up: async (env) => {
      const resources = await capture(env);
      return command((host) => engine.up(host.client, resources));
    },
    refresh: () => command((host) => engine.refresh(host.client)),
    destroy: () => command((host) => engine.destroy(host.client)),
    async close() {
      await simulator.stop();
      workspace.remove();
    },
  };
}
