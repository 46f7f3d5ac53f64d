import { performance } from "node:perf_hooks";
import { CapturedResource, Deployment, startDynamicHost } from "../harness";

export interface ColdStart {
  /** Spawn of the dynamic-provider host until it printed its port and answered Configure. */
  startMs: number;
  /** The first Check after that: loads our provider code and runs the check-time dry run. */
  firstCheckMs: number;
  totalMs: number;
}

/** Starts the host `runs` times, as `pulumi up` does once per command, and averages. */
export async function measureColdStart(
  deployment: Deployment,
  resource: CapturedResource,
  env: NodeJS.ProcessEnv,
  runs: number,
): Promise<ColdStart> {
  const samples: ColdStart[] = [];
  for (let run = 0; run < runs; run++) {
    const spawned = performance.now();
    const host = await startDynamicHost(deployment.workspace.programDir, deployment.config, {
      ...process.env,
      ...env,
    });
    const configured = performance.now();
    try {
      const checked = await host.client.check(
        deployment.engine.urnOf(resource),
        {},
        resource.inputs,
      );
      if (checked.failures.length > 0)
        throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
    } finally {
      const answered = performance.now();
      samples.push({
        startMs: configured - spawned,
        firstCheckMs: answered - configured,
        totalMs: answered - spawned,
      });
      await host.stop();
      deployment.hostLogs.push(host.process.stderr());
    }
  }
  const mean = (pick: (s: ColdStart) => number) =>
    samples.reduce((sum, s) => sum + pick(s), 0) / samples.length;
  return {
    startMs: mean((s) => s.startMs),
    firstCheckMs: mean((s) => s.firstCheckMs),
    totalMs: mean((s) => s.totalMs),
  };
}

/** Bytes of the serialized provider each resource type stores in state. */
export function providerSizes(resources: CapturedResource[]): Record<string, number> {
  const sizes: Record<string, number> = {};
  for (const resource of resources) {
    sizes[resource.type] = Buffer.byteLength(String(resource.inputs.__provider ?? ""), "utf8");
  }
  return sizes;
}
