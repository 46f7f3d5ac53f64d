import * as path from "node:path";
import { RunningProvider, startConnectedProvider } from "./providerProcess";

import { EngineLogServer, startEngineLogServer } from "./engineLogServer";

export interface RunningHost extends RunningProvider {
  /** What the host told the engine (its Log service, served here at the address the host gets). */
  engineLog: EngineLogServer;
}

/** The host of the @pulumi/pulumi copy that the program's pulumi-aculab uses. */
export function dynamicHostEntry(programDir: string): string {
  return require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js", {
    paths: [path.dirname(require.resolve("pulumi-aculab", { paths: [programDir] }))],
  });
}

/**
 * Starts @pulumi/pulumi's own dynamic-provider host in the program's folder, as the engine does
 * for every `pulumi` command (with the address of the engine's Log service), and configures it
 * with the stack config.
 */
export async function startDynamicHost(
  programDir: string,
  config: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningHost> {
  const engineLog = await startEngineLogServer();
  const host = await startConnectedProvider(
    process.execPath,
    [dynamicHostEntry(programDir), engineLog.address],
    {
      cwd: programDir,
      env,
    },
  );
  await host.client.configure(config);
  return {
    ...host,
    engineLog,
    async stop() {
      await host.stop();
      await engineLog.stop();
    },
  };
}
