import * as path from "node:path";
import { RunningProvider, startConnectedProvider } from "./providerProcess";

export type RunningHost = RunningProvider;

/** The host of the @pulumi/pulumi copy that the program's pulumi-aculab uses. */
export function dynamicHostEntry(programDir: string): string {
  return require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js", {
    paths: [path.dirname(require.resolve("pulumi-aculab", { paths: [programDir] }))],
  });
}

/**
 * Starts @pulumi/pulumi's own dynamic-provider host in the program's folder, as the engine does
 * for every `pulumi` command, and configures it with the stack config.
 */
export async function startDynamicHost(
  programDir: string,
  config: Record<string, string>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningHost> {
  const host = await startConnectedProvider(
    process.execPath,
    [dynamicHostEntry(programDir), "127.0.0.1:0"],
    {
      cwd: programDir,
      env,
    },
  );
  await host.client.configure(config);
  return host;
}
