import * as path from "node:path";
import { repositoryRoot, RunningProvider, startConnectedProvider } from "../../harness";
import type { RunningSimulator } from "../../simulator";

/** The launcher the package ships: what the engine starts for `aculab:*` resources. */
export const PLUGIN_BIN = path.join(repositoryRoot, "bin", "pulumi-resource-aculab.js");

export type RunningPlugin = RunningProvider;

/**
 * Starts the built plugin as the engine would, with no ACULAB_* variables unless given, and the
 * address of the engine's Log service (by default one where nothing listens).
 */
export async function startPlugin(
  env: NodeJS.ProcessEnv = {},
  engineAddress = "127.0.0.1:0",
): Promise<RunningPlugin> {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("ACULAB_")),
  );
  return startConnectedProvider(process.execPath, [PLUGIN_BIN, engineAddress], {
    cwd: repositoryRoot,
    env: { ...inherited, ...env },
  });
}

/** The provider's settings for the simulator, as `args` (camelCase, what an explicit provider sends). */
export function providerArgs(simulator: RunningSimulator): {
  cloudId: string;
  username: string;
  apiKey: string;
  endpoint: string;
} {
  return {
    cloudId: simulator.credentials.cloudId,
    username: simulator.credentials.username,
    apiKey: simulator.credentials.apiKey,
    endpoint: simulator.url,
  };
}

/** The same settings as the engine's `variables` for a default provider: `aculab:config:<name>`. */
export function stackVariables(simulator: RunningSimulator): Record<string, string> {
  return Object.fromEntries(
    Object.entries(providerArgs(simulator)).map(([name, value]) => [
      `aculab:config:${name}`,
      value,
    ]),
  );
}

export const urnOf = (type: string, name: string) =>
  `urn:pulumi:dev::aculab-program::${type}::${name}`;
