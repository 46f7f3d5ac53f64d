import { ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { ProviderClient } from "./providerClient";

export interface ProviderProcess {
  address: string;
  child: ChildProcess;
  /** Everything the process wrote to stderr, for assertions that secrets never leak. */
  stderr(): string;
  stop(): Promise<void>;
}

/**
 * Starts a Pulumi resource-provider process the way the engine does: it prints its gRPC port on
 * the first line of stdout.
 */
export async function startProviderProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; startTimeoutMs?: number },
): Promise<ProviderProcess> {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  let stdout = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const port = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(
          new Error(
            `provider did not print its port within ${options.startTimeoutMs ?? 60000} ms: ${stderr}`,
          ),
        ),
      options.startTimeoutMs ?? 60_000,
    );
    child.stdout!.on("data", (chunk) => {
      stdout += chunk;
      const line = stdout.split("\n")[0];
      if (stdout.includes("\n") && /^\d+$/.test(line.trim())) {
        clearTimeout(timer);
        resolve(line.trim());
      }
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`provider exited (${code}) before printing its port: ${stderr}`));
    });
  });
  return {
    address: `127.0.0.1:${port}`,
    child,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      await once(child, "exit");
    },
  };
}

/** A provider process and a gRPC client connected to it, stopped together. */
export interface RunningProvider {
  client: ProviderClient;
  process: ProviderProcess;
  stop(): Promise<void>;
}

export async function startConnectedProvider(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<RunningProvider> {
  const providerProcess = await startProviderProcess(command, args, options);
  const client = new ProviderClient(providerProcess.address);
  return {
    client,
    process: providerProcess,
    async stop() {
      client.close();
      await providerProcess.stop();
    },
  };
}
