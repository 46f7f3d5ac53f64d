import * as path from "node:path";
import { ProviderClient } from "./providerClient";
import { ProviderProcess, startProviderProcess } from "./providerProcess";

export interface RunningHost {
  client: ProviderClient;
  process: ProviderProcess;
  stop(): Promise<void>;
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
  const hostEntry = require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js", {
    paths: [path.dirname(require.resolve("pulumi-aculab", { paths: [programDir] }))],
  });
  const providerProcess = await startProviderProcess(process.execPath, [hostEntry, "127.0.0.1:0"], {
    cwd: programDir,
    env,
  });
  const client = new ProviderClient(providerProcess.address);
  await client.configure(config);
  return {
    client,
    process: providerProcess,
    async stop() {
      client.close();
      await providerProcess.stop();
    },
  };
}
