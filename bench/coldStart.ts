import { performance } from "node:perf_hooks";
import { CapturedResource, Deployment, startDynamicHost } from "../harness";
import { UNKNOWN } from "../provider/resources/unknown";

export interface ColdStart {
  /** Spawn of the dynamic-provider host until it printed its port and answered Configure. */
  startMs: number;
  /**
   * The first Check, with a value still unknown (as in a preview) so that no request is made: the
   * time to load our provider code and answer.
   */
  loadMs: number;
  /** Until the provider answers: startMs + loadMs. */
  totalMs: number;
  /** A second Check with known values: the check-time dry run, one round trip to Aculab. */
  dryRunCheckMs: number;
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
    const urn = deployment.engine.urnOf(resource);
    try {
      await host.client.check(urn, {}, { ...resource.inputs, region: UNKNOWN });
      const loaded = performance.now();
      const checked = await host.client.check(urn, {}, resource.inputs);
      if (checked.failures.length > 0)
        throw new Error(`check failed: ${JSON.stringify(checked.failures)}`);
      samples.push({
        startMs: configured - spawned,
        loadMs: loaded - configured,
        totalMs: loaded - spawned,
        dryRunCheckMs: performance.now() - loaded,
      });
    } finally {
      await host.stop();
      deployment.hostLogs.push(host.process.stderr());
    }
  }
  const mean = (pick: (s: ColdStart) => number) =>
    samples.reduce((sum, s) => sum + pick(s), 0) / samples.length;
  return {
    startMs: mean((s) => s.startMs),
    loadMs: mean((s) => s.loadMs),
    totalMs: mean((s) => s.totalMs),
    dryRunCheckMs: mean((s) => s.dryRunCheckMs),
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
